import { describe, expect, it } from 'vitest'
import { foldEvents } from '../model/projection.js'
import { type JourneyBuilder, journey, openedForTest, record } from '../testing/journeyBuilder.js'
import { queryWorklist, type WorklistQuery } from './queryWorklist.js'
import { worklistProjection } from './worklistProjection.js'

// The counsellor's reader opens the sealed age limits, as the CLI's vault does.
const worklist = (journeys: ReadonlyArray<JourneyBuilder>, query: WorklistQuery) => {
  const rm = foldEvents(worklistProjection, record(journeys.map((j) => j.events)))
  return queryWorklist(rm, { ...query, ageLimits: openedForTest(rm, query) })
}
const asOf = '2025-06-15'
const mine: WorklistQuery = { missionLocaleId: 'A', counsellorId: 'a1', asOf }

describe('worklist: follow-ups', () => {
  const y1 = journey('y1', 'A', 'a1')
    .register('2025-05-01')
    .schedule('2025-05-01', 'late', '2025-06-14')
    .schedule('2025-05-01', 'today', '2025-06-15')
    .schedule('2025-05-01', 'in7', '2025-06-22')
    .schedule('2025-05-01', 'in8', '2025-06-23')
    .schedule('2025-05-01', 'kept', '2025-06-01')
    .kept('2025-06-01', 'kept')

  it('lists overdue follow-ups and those due within 7 days, not kept ones nor later ones', () => {
    const w = worklist([y1], mine)
    expect(w.overdueFollowUps).toEqual([{ youthId: 'y1', followUpId: 'late', dueOn: '2025-06-14', days: 1 }])
    expect(w.followUpsDueSoon.map((f) => [f.followUpId, f.days])).toEqual([
      ['today', 0],
      ['in7', 7],
    ])
  })

  it('treats a follow-up recorded as FollowUpDue as overdue, and a rescheduled one by its new date', () => {
    const y2 = journey('y2', 'A', 'a1')
      .register('2025-05-01')
      .schedule('2025-05-01', 'f1', '2025-06-15')
      .due('2025-06-15', 'f1', '2025-06-15')
      .schedule('2025-05-01', 'f2', '2025-06-01')
      .reschedule('2025-05-30', 'f2', '2025-07-01')
    const w = worklist([y2], mine)
    expect(w.overdueFollowUps.map((f) => f.followUpId)).toEqual(['f1'])
    expect(w.followUpsDueSoon).toEqual([])
  })
})

describe('worklist: proposals, programmes, age limit', () => {
  it('lists proposals past their respond-by date without an answer (neither accepted nor with an outcome)', () => {
    const y1 = journey('y1', 'A', 'a1')
      .register('2025-05-01')
      .offer('2025-05-02', 'p1', 'training', '2025-06-01')
      .offer('2025-05-02', 'p2', 'housing', '2025-06-01')
      .outcome('2025-06-03', 'p2', 'housing', 'refused-by-youth', '2025-05-02')
      .offer('2025-05-02', 'p3', 'health', '2025-06-15')
      .offer('2025-05-02', 'p4', 'employment', '2025-06-01')
      .accept('2025-05-20', 'p4', 'employment')
    const w = worklist([y1], mine)
    expect(w.proposalsPastRespondBy).toEqual([
      { youthId: 'y1', proposalId: 'p1', theme: 'training', respondBy: '2025-06-01', daysPast: 14 },
    ])
  })

  it('lists programmes ending within 30 days, following extensions and exits', () => {
    const soon = journey('y1', 'A', 'a1')
      .register('2025-01-01')
      .programme('2025-01-10', 'PACEA', '2025-07-15')
    const extended = journey('y2', 'A', 'a1')
      .register('2025-01-01')
      .programme('2025-01-10', 'CEJ', '2025-07-01')
      .extend('2025-06-01', 'CEJ', '2025-12-01')
    const exited = journey('y3', 'A', 'a1')
      .register('2025-01-01')
      .programme('2025-01-10', 'PACEA', '2025-07-01')
      .exitProgramme('2025-06-01', 'PACEA')
    const later = journey('y4', 'A', 'a1')
      .register('2025-01-01')
      .programme('2025-01-10', 'PACEA', '2025-07-16')
    const w = worklist([soon, extended, exited, later], mine)
    expect(w.programmesEnding).toEqual([
      { youthId: 'y1', programme: 'PACEA', plannedEndOn: '2025-07-15', daysLeft: 30 },
    ])
  })

  it('keeps the age limits sealed in the read model: the alert needs them opened by its reader', () => {
    const near = journey('y1', 'A', 'a1').register('2025-01-01', { ageLimitOn: '2025-08-14' })
    const rm = foldEvents(worklistProjection, record([near.events]))
    expect(JSON.stringify(rm)).not.toContain('"ageLimitOn"')
    expect(queryWorklist(rm, mine).ageLimitsNear).toEqual([])
    expect(queryWorklist(rm, { ...mine, ageLimits: openedForTest(rm, mine) }).ageLimitsNear).toEqual([
      { youthId: 'y1', ageLimitOn: '2025-08-14', daysLeft: 60 },
    ])
  })

  it('lists young people reaching the age limit within 60 days (the CEJ limit while in a CEJ)', () => {
    const near = journey('y1', 'A', 'a1').register('2025-01-01', { ageLimitOn: '2025-08-14' })
    const far = journey('y2', 'A', 'a1').register('2025-01-01', { ageLimitOn: '2025-08-15' })
    const cej = journey('y3', 'A', 'a1')
      .register('2025-01-01', { ageLimitOn: '2025-07-01', cejAgeLimitOn: '2029-07-01' })
      .programme('2025-02-01', 'CEJ', '2026-02-01')
    const w = worklist([near, far, cej], mine)
    expect(w.ageLimitsNear).toEqual([{ youthId: 'y1', ageLimitOn: '2025-08-14', daysLeft: 60 }])
  })

  it('with RQTH, past the 26th birthday the journey stays open until the CEJ limit: that is the limit to watch', () => {
    const past26 = journey('y1', 'A', 'a1').register('2025-01-01', {
      ageLimitOn: '2024-03-01',
      cejAgeLimitOn: '2028-03-01',
    })
    const near30 = journey('y2', 'A', 'a1').register('2025-01-01', {
      ageLimitOn: '2021-07-01',
      cejAgeLimitOn: '2025-07-01',
    })
    const near26 = journey('y3', 'A', 'a1').register('2025-01-01', {
      ageLimitOn: '2025-07-01',
      cejAgeLimitOn: '2029-07-01',
    })
    expect(worklist([past26, near30, near26], mine).ageLimitsNear).toEqual([
      { youthId: 'y2', ageLimitOn: '2025-07-01', daysLeft: 16 },
      { youthId: 'y3', ageLimitOn: '2025-07-01', daysLeft: 16 },
    ])
  })
})

describe('worklist: scope', () => {
  const overdue = (j: JourneyBuilder) => j.schedule('2025-05-01', 'f1', '2025-06-01')

  it("shows only the counsellor's open journeys in their mission locale", () => {
    const a1 = overdue(journey('y1', 'A', 'a1').register('2025-05-01'))
    const a2 = overdue(journey('y2', 'A', 'a2').register('2025-05-01'))
    const b1 = overdue(journey('y3', 'B', 'a1').register('2025-05-01'))
    const closed = overdue(journey('y4', 'A', 'a1').register('2025-05-01')).close('2025-06-02', 'moved-away')
    expect(worklist([a1, a2, b1, closed], mine).overdueFollowUps.map((f) => f.youthId)).toEqual(['y1'])
  })

  it('moves a journey to the new counsellor on reassignment and out of the old mission locale on transfer', () => {
    const reassigned = overdue(journey('y1', 'A', 'a1').register('2025-05-01')).assign('2025-05-10', 'a2')
    const transferred = overdue(journey('y2', 'A', 'a1').register('2025-05-01')).transfer(
      '2025-05-10',
      'B',
      'b1',
    )
    const all = [reassigned, transferred]
    expect(worklist(all, mine).overdueFollowUps).toEqual([])
    expect(worklist(all, { ...mine, counsellorId: 'a2' }).overdueFollowUps.map((f) => f.youthId)).toEqual([
      'y1',
    ])
    expect(
      worklist(all, { missionLocaleId: 'B', counsellorId: 'b1', asOf }).overdueFollowUps.map(
        (f) => f.youthId,
      ),
    ).toEqual(['y2'])
  })
})
