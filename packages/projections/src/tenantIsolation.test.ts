import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldJourney, type JourneyEvent } from '@parcours/domain'
import { dashboardProjection, type DashboardReadModel } from './dashboard/dashboardProjection.js'
import { queryCaseload } from './dashboard/queryCaseload.js'
import { queryDashboard } from './dashboard/queryDashboard.js'
import { docEntries } from './model/docMap.js'
import { foldEvents } from './model/projection.js'
import { arbHistory } from './testing/arbitraries.js'
import { journey, openedForTest, record } from './testing/journeyBuilder.js'
import { queryTimeline } from './timeline/queryTimeline.js'
import { timelineProjection, type TimelineReadModel } from './timeline/timelineProjection.js'
import { queryWorklist, type Worklist } from './worklist/queryWorklist.js'
import { worklistProjection, type WorklistReadModel } from './worklist/worklistProjection.js'

// ---------------------------------------------------------------------------------------------
// Tenant isolation: a query scoped to one mission locale never returns another's journey, a
// journey transferred away leaves the old mission locale's views, and the national view holds
// counts only — no young person's id.
// ---------------------------------------------------------------------------------------------

interface ReadModels {
  readonly dashboard: DashboardReadModel
  readonly worklists: WorklistReadModel
  readonly timelines: TimelineReadModel
}

const project = (
  journeys: ReadonlyArray<ReadonlyArray<JourneyEvent>>,
  order?: ReadonlyArray<number>,
): ReadModels => {
  const recorded = record(journeys, order)
  return {
    dashboard: foldEvents(dashboardProjection, recorded),
    worklists: foldEvents(worklistProjection, recorded),
    timelines: foldEvents(timelineProjection, recorded),
  }
}

const youthIdsIn = (w: Worklist): ReadonlyArray<string> => [
  ...new Set(
    [
      ...w.overdueFollowUps,
      ...w.followUpsDueSoon,
      ...w.proposalsPastRespondBy,
      ...w.programmesEnding,
      ...w.ageLimitsNear,
    ].map((a) => a.youthId),
  ),
]

/** Whether a value mentions a young person: a `youthId` field, or one of the ids as a value. */
const mentionsYouth = (value: unknown, youthIds: ReadonlyArray<string>): boolean => {
  const json = JSON.stringify(value)
  return json.includes('"youthId"') || youthIds.some((id) => json.includes(`"${id}"`))
}

describe('tenant isolation: two missions locales and a transfer', () => {
  // a-1 in A, b-1 in B, both followed by a counsellor called `c1` (ids are per mission locale, and
  // may collide); t-1 registered in A by c1, then transferred to B (counsellor b2); x-1 closed in A.
  const asOf = '2025-06-15'
  const withAlerts = (youthId: string, missionLocaleId: string) =>
    journey(youthId, missionLocaleId, 'c1')
      .register('2025-01-10', { ageLimitOn: '2025-07-01' })
      .schedule('2025-01-10', 'f1', '2025-02-01')
      .schedule('2025-01-10', 'f2', '2025-06-20')
      .offer('2025-01-12', 'p1', 'training', '2025-02-01')
      .programme('2025-01-15', 'PACEA', '2025-07-01')
  const a1 = withAlerts('a-1', 'A')
  const b1 = withAlerts('b-1', 'B')
  const t1 = withAlerts('t-1', 'A').transfer('2025-03-01', 'B', 'b2')
  const x1 = withAlerts('x-1', 'A').close('2025-04-01', 'moved-away')
  const all = ['a-1', 'b-1', 't-1', 'x-1']
  const rm = project([a1.events, b1.events, t1.events, x1.events])

  it("lists in a counsellor's worklist only the journeys their mission locale holds", () => {
    const aC1q = { missionLocaleId: 'A', counsellorId: 'c1', asOf }
    const aC1 = queryWorklist(rm.worklists, { ...aC1q, ageLimits: openedForTest(rm.worklists, aC1q) })
    expect(youthIdsIn(aC1)).toEqual(['a-1'])
    expect(
      aC1.overdueFollowUps.length +
        aC1.proposalsPastRespondBy.length +
        aC1.programmesEnding.length +
        aC1.ageLimitsNear.length,
    ).toBeGreaterThan(0)
    expect(
      youthIdsIn(queryWorklist(rm.worklists, { missionLocaleId: 'B', counsellorId: 'c1', asOf })),
    ).toEqual(['b-1'])
    expect(
      youthIdsIn(queryWorklist(rm.worklists, { missionLocaleId: 'B', counsellorId: 'b2', asOf })),
    ).toEqual(['t-1'])
    expect(
      youthIdsIn(queryWorklist(rm.worklists, { missionLocaleId: 'A', counsellorId: 'b2', asOf })),
    ).toEqual([])
  })

  it('shows a timeline only to the mission locale holding the journey', () => {
    expect(queryTimeline(rm.timelines, { missionLocaleId: 'A', youthId: 'b-1' })).toBeUndefined()
    expect(queryTimeline(rm.timelines, { missionLocaleId: 'B', youthId: 'a-1' })).toBeUndefined()
    expect(queryTimeline(rm.timelines, { missionLocaleId: 'A', youthId: 't-1' })).toBeUndefined()
    const moved = queryTimeline(rm.timelines, { missionLocaleId: 'B', youthId: 't-1' })
    expect([moved?.youthId, moved?.missionLocaleId]).toEqual(['t-1', 'B'])
    expect(queryTimeline(rm.timelines, { missionLocaleId: 'A', youthId: 'x-1' })?.youthId).toBe('x-1')
  })

  it("counts each mission locale's caseload and dashboard from its own journeys only", () => {
    expect(queryCaseload(rm.dashboard, { missionLocaleId: 'A' })).toEqual([
      { counsellorId: 'c1', openJourneys: 1 },
    ])
    expect(queryCaseload(rm.dashboard, { missionLocaleId: 'B' })).toEqual([
      { counsellorId: 'b2', openJourneys: 1 },
      { counsellorId: 'c1', openJourneys: 1 },
    ])
    const a = queryDashboard(rm.dashboard, { missionLocaleId: 'A' })
    const b = queryDashboard(rm.dashboard, { missionLocaleId: 'B' })
    expect(a.missionLocales.map((m) => m.missionLocaleId)).toEqual(['A'])
    expect(b.missionLocales.map((m) => m.missionLocaleId)).toEqual(['B'])
    expect([a.totals.firstReceptions, a.totals.transfers, a.totals.exits, a.totals.accompanied]).toEqual([
      3,
      { in: 0, out: 1 },
      1,
      1,
    ])
    expect([b.totals.firstReceptions, b.totals.transfers, b.totals.exits, b.totals.accompanied]).toEqual([
      1,
      { in: 1, out: 0 },
      0,
      2,
    ])
    expect(mentionsYouth(a, all) || mentionsYouth(b, all)).toBe(false)
  })

  it('gives the national view as counts only, every mission locale together', () => {
    const national = queryDashboard(rm.dashboard)
    expect(national.missionLocaleId).toBeNull()
    expect(national.missionLocales.map((m) => m.missionLocaleId)).toEqual(['A', 'B'])
    expect(national.totals.firstReceptions).toBe(4)
    expect(mentionsYouth(national, all)).toBe(false)
  })
})

describe('tenant isolation on generated histories', () => {
  it('no query scoped to a mission locale returns another mission locale’s journey (property)', () => {
    const missionLocales = ['ml-1', 'ml-2', 'ml-3']
    let transferred = 0
    let alerts = 0
    fc.assert(
      fc.property(arbHistory({ youths: 8, missionLocales: 3, steps: { min: 5, max: 30 } }), (h) => {
        const rm = project(h.journeys, h.order)
        const youths = h.journeys.flatMap((events) => {
          const first = events[0]
          const last = events[events.length - 1]
          if (first === undefined || last === undefined) return []
          // The holder is the mission locale of the last event: a transfer's event belongs to the new one.
          return [
            {
              youthId: first.youthId,
              registeredIn: first.missionLocaleId,
              holder: last.missionLocaleId,
              open: foldJourney(events).status === 'open',
            },
          ]
        })
        transferred += youths.filter((y) => y.holder !== y.registeredIn).length
        const youthIds = youths.map((y) => y.youthId)
        const holderOf = new Map<string, (typeof youths)[number]>(youths.map((y) => [y.youthId, y]))
        const counsellors = [...new Set([...docEntries(rm.worklists)].map(([, y]) => y.counsellorId))]
        const lastDate = h.journeys.flat().reduce((max, e) => (e.on > max ? e.on : max), '0000-00-00')
        const dates = ['2023-06-01', '2025-01-01', lastDate]

        for (const ml of missionLocales) {
          for (const y of youths) {
            const timeline = queryTimeline(rm.timelines, { missionLocaleId: ml, youthId: y.youthId })
            expect(timeline === undefined ? undefined : [timeline.youthId, timeline.missionLocaleId]).toEqual(
              y.holder === ml ? [y.youthId, ml] : undefined,
            )
          }
          for (const counsellorId of counsellors)
            for (const asOf of dates)
              for (const youthId of youthIdsIn(
                queryWorklist(rm.worklists, { missionLocaleId: ml, counsellorId, asOf }),
              )) {
                alerts++
                expect(holderOf.get(youthId)?.holder).toBe(ml)
                expect(holderOf.get(youthId)?.open).toBe(true)
              }
          const caseload = queryCaseload(rm.dashboard, { missionLocaleId: ml })
          // The generator names counsellors after their mission locale (`ml-1-c2`).
          for (const row of caseload) expect(row.counsellorId.startsWith(`${ml}-c`)).toBe(true)
          expect(caseload.reduce((n, row) => n + row.openJourneys, 0)).toBe(
            youths.filter((y) => y.holder === ml && y.open).length,
          )
          const dashboard = queryDashboard(rm.dashboard, { missionLocaleId: ml })
          for (const m of dashboard.missionLocales) expect(m.missionLocaleId).toBe(ml)
          expect(dashboard.totals.firstReceptions).toBe(youths.filter((y) => y.registeredIn === ml).length)
          expect(mentionsYouth(dashboard, youthIds)).toBe(false)
        }
        const national = queryDashboard(rm.dashboard)
        expect(national.totals.firstReceptions).toBe(youths.length)
        expect(mentionsYouth(national, youthIds)).toBe(false)
      }),
      { numRuns: 40 },
    )
    // The generated histories did move journeys between missions locales, and raised alerts.
    expect(transferred).toBeGreaterThan(0)
    expect(alerts).toBeGreaterThan(0)
  })
})
