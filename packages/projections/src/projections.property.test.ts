import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { positiveExitReasons, type JourneyEvent } from '@parcours/domain'
import { dashboardProjection } from './dashboard/dashboardProjection.js'
import { queryDashboard } from './dashboard/queryDashboard.js'
import { monthsBetween } from './model/dates.js'
import { type DocMap, docEntries, docMapOf } from './model/docMap.js'
import { foldEvents } from './model/projection.js'
import { allProjections } from './projections.js'
import { arbHistory, arbInterleaving } from './testing/arbitraries.js'
import { record } from './testing/journeyBuilder.js'
import { recount } from './testing/recount.js'
import { timelineProjection } from './timeline/timelineProjection.js'

const docs = (rm: DocMap<object>) => Object.fromEntries(docEntries(rm))
/** What a sink would give back: every document through JSON. */
const persisted = (rm: DocMap<object>) =>
  docMapOf([...docEntries(rm)].map(([k, v]) => [k, JSON.parse(JSON.stringify(v)) as object] as const))

describe('projections on generated histories', () => {
  it('give the same read models whatever the order across streams', () => {
    fc.assert(
      fc.property(
        arbHistory().chain((h) =>
          arbInterleaving(h.journeys.map((j) => j.length)).map((other) => [h, other] as const),
        ),
        ([h, other]) => {
          for (const p of allProjections)
            expect(docs(foldEvents(p, record(h.journeys, other)))).toEqual(docs(foldEvents(p, h.recorded)))
        },
      ),
      { numRuns: 40 },
    )
  })

  it('respect the order within a stream: a timeline lists its stream in revision order', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const rm = foldEvents(timelineProjection, h.recorded)
        for (const events of h.journeys) {
          const doc = [...docEntries(rm)].find(([k]) => k === `youth:${events[0]?.youthId}`)?.[1]
          expect(doc?.entries.map((e) => [e.revision, e.type])).toEqual(events.map((e, i) => [i, e.type]))
        }
      }),
      { numRuns: 30 },
    )
  })

  it('built in increments through a sink equal a rebuild from zero', () => {
    fc.assert(
      fc.property(arbHistory(), fc.array(fc.nat(), { maxLength: 6 }), (h, cutSeeds) => {
        const n = h.recorded.length
        const cuts = [...new Set(cutSeeds.map((c) => c % (n + 1)))].sort((a, b) => a - b)
        for (const p of allProjections) {
          let rm = p.initial
          let from = 0
          for (const cut of [...cuts, n]) {
            rm = persisted(foldEvents(p, h.recorded.slice(from, cut), rm))
            from = cut
          }
          expect(docs(rm)).toEqual(docs(foldEvents(p, h.recorded)))
        }
      }),
      { numRuns: 30 },
    )
  })

  it('fold a batch as they fold its events one by one, and leave the read model they start from as it was', () => {
    fc.assert(
      fc.property(arbHistory(), fc.nat(), (h, seed) => {
        const cut = seed % (h.recorded.length + 1)
        for (const p of allProjections) {
          const start = foldEvents(p, h.recorded.slice(0, cut))
          const before = JSON.stringify(docs(start))
          const batch = p.applyBatch(start, h.recorded.slice(cut))
          const oneByOne = h.recorded.slice(cut).reduce((rm, e) => p.apply(rm, e), start)
          expect(docs(batch.readModel)).toEqual(docs(oneByOne))
          expect(JSON.stringify(docs(start))).toBe(before)
          const changed = Object.entries(docs(batch.readModel)).filter(
            ([k, v]) => JSON.stringify(v) !== JSON.stringify(docs(start)[k]),
          )
          for (const [k] of changed) expect(batch.changed).toContain(k)
        }
      }),
      { numRuns: 30 },
    )
  })

  it('keep nothing of a batch for the next: two read models folded in alternating batches get what each gets alone', () => {
    fc.assert(
      fc.property(arbHistory(), arbHistory(), fc.integer({ min: 1, max: 8 }), (a, b, size) => {
        // The two histories share their young people's ids: what a batch kept would show in the other.
        for (const p of allProjections) {
          let [ra, rb] = [p.initial, p.initial]
          for (let i = 0; i < Math.max(a.recorded.length, b.recorded.length); i += size) {
            ra = p.applyBatch(ra, a.recorded.slice(i, i + size)).readModel
            rb = p.applyBatch(rb, b.recorded.slice(i, i + size)).readModel
          }
          expect(docs(ra)).toEqual(docs(foldEvents(p, a.recorded)))
          expect(docs(rb)).toEqual(docs(foldEvents(p, b.recorded)))
        }
      }),
      { numRuns: 30 },
    )
  })

  it('change nothing when a batch is delivered again (after a crash before its checkpoint)', () => {
    fc.assert(
      fc.property(arbHistory(), fc.nat(), fc.nat(), (h, a, b) => {
        const n = h.recorded.length
        const [start, end] = [Math.min(a % (n + 1), b % (n + 1)), Math.max(a % (n + 1), b % (n + 1))]
        for (const p of allProjections) {
          const once = foldEvents(p, h.recorded)
          // Applied up to `end`, crashed, resumed from an older checkpoint `start`.
          const replayed = foldEvents(p, h.recorded.slice(start), foldEvents(p, h.recorded.slice(0, end)))
          expect(docs(replayed)).toEqual(docs(once))
        }
      }),
      { numRuns: 30 },
    )
  })

  it('give a funnel whose every step is a subset of the one before, as a recount of the cohort finds', () => {
    fc.assert(
      fc.property(arbHistory({ youths: 8, missionLocales: 3 }), fc.nat(), (h, cut) => {
        const rm = foldEvents(dashboardProjection, h.recorded)
        const d = queryDashboard(rm)
        const months = d.from === null || d.to === null ? [] : monthsBetween(d.from, d.to)
        const from = months[cut % Math.max(1, months.length)]
        const scopes = [undefined, ...d.missionLocales.map((m) => m.missionLocaleId)]
        for (const missionLocaleId of scopes) {
          const q = queryDashboard(rm, {
            ...(missionLocaleId === undefined ? {} : { missionLocaleId }),
            ...(from === undefined ? {} : { from }),
          })
          for (const { funnel: f } of [q.totals, ...q.months]) {
            expect(f.proposal).toBeLessThanOrEqual(f.registered)
            expect(f.entry).toBeLessThanOrEqual(f.proposal)
            expect(f.positiveExit).toBeLessThanOrEqual(f.entry)
          }
          // the recount: young people registered in the selection, and the steps each one reached
          const cohort = h.journeys.filter((events) => {
            const r = events.find((e) => e.type === 'YouthRegistered')
            return (
              r !== undefined &&
              (missionLocaleId === undefined || r.missionLocaleId === missionLocaleId) &&
              (from === undefined || r.on.slice(0, 7) >= from)
            )
          })
          const has = (events: ReadonlyArray<JourneyEvent>, test: (e: JourneyEvent) => boolean) =>
            events.some(test)
          const stages = cohort.map((events) => {
            const steps = [
              has(events, (e) => e.type === 'ProposalOffered'),
              has(events, (e) => e.type === 'TrainingStarted' || e.type === 'EmploymentStarted'),
              has(events, (e) => e.type === 'JourneyClosed' && positiveExitReasons.includes(e.reason)),
            ]
            const firstMissing = steps.indexOf(false)
            return firstMissing === -1 ? 3 : firstMissing
          })
          expect(q.totals.funnel).toEqual({
            registered: cohort.length,
            proposal: stages.filter((s) => s >= 1).length,
            entry: stages.filter((s) => s >= 2).length,
            positiveExit: stages.filter((s) => s >= 3).length,
          })
        }
      }),
      { numRuns: 40 },
    )
  })

  it('count what a direct recount from the events counts', () => {
    fc.assert(
      fc.property(arbHistory({ youths: 8, missionLocales: 3 }), (h) => {
        const d = queryDashboard(foldEvents(dashboardProjection, h.recorded))
        const months = d.from === null || d.to === null ? [] : monthsBetween(d.from, d.to)
        const expected = recount(h.journeys, months)
        for (const ml of d.missionLocales)
          for (const row of ml.months) {
            const r = expected.get(`${ml.missionLocaleId}|${row.month}`)
            const sum = (o: Readonly<Record<string, number>>) => Object.values(o).reduce((x, y) => x + y, 0)
            expect({
              firstReceptions: row.firstReceptions,
              inContact: row.inContact,
              accompanied: row.accompanied,
              proposals: sum(row.proposalsByTheme),
              outcomes: sum(row.proposalsByOutcome),
              trainingEntries: row.trainingEntries,
              employmentEntries: row.employmentEntries.durable + row.employmentEntries.other,
              immersionEntries: row.immersionEntries,
              exits: row.exits,
              positiveExits: row.positiveExits,
              kept: row.followUps.kept,
              missed: row.followUps.missed,
              overdue: row.followUps.overdue,
              programmeEntries: sum(row.programmeEntries),
              programmeExits: sum(row.programmeExits.PACEA) + sum(row.programmeExits.CEJ),
              programmeStock: sum(row.programmeStock),
              interviews: row.interviews,
            }).toEqual({
              firstReceptions: r?.firstReceptions ?? 0,
              inContact: r?.inContact ?? 0,
              accompanied: r?.accompanied ?? 0,
              proposals: r?.proposals ?? 0,
              outcomes: r?.outcomes ?? 0,
              trainingEntries: r?.trainingEntries ?? 0,
              employmentEntries: r?.employmentEntries ?? 0,
              immersionEntries: r?.immersionEntries ?? 0,
              exits: r?.exits ?? 0,
              positiveExits: r?.positiveExits ?? 0,
              kept: r?.kept ?? 0,
              missed: r?.missed ?? 0,
              overdue: r?.overdue ?? 0,
              programmeEntries: r?.programmeEntries ?? 0,
              programmeExits: r?.programmeExits ?? 0,
              programmeStock: r?.programmeStock ?? 0,
              interviews: r?.interviews ?? 0,
            })
          }
        expect(d.totals.firstReceptions).toBe(h.journeys.length)
      }),
      { numRuns: 30 },
    )
  })

  it('count nothing differently when personal data is erased', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const erased = h.journeys.map((events) => {
          const last = events[events.length - 1]
          return last === undefined
            ? events
            : [
                ...events,
                {
                  type: 'PersonalDataErased',
                  youthId: last.youthId,
                  missionLocaleId: last.missionLocaleId,
                  on: last.on,
                  keyId: 'key-x',
                } as (typeof events)[number],
              ]
        })
        const before = queryDashboard(foldEvents(dashboardProjection, record(h.journeys)))
        const after = queryDashboard(foldEvents(dashboardProjection, record(erased)))
        expect(after).toEqual(before)
      }),
      { numRuns: 20 },
    )
  })
})
