import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, type LocalDate } from '@parcours/domain'
import { docEntries } from '../model/docMap.js'
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
    .schedule('2025-05-01', 'today', '2025-06-15')
    .schedule('2025-05-01', 'in7', '2025-06-22')
    .schedule('2025-05-01', 'in8', '2025-06-23')
    .schedule('2025-05-01', 'kept', '2025-06-01')
    .kept('2025-06-01', 'kept')
  const late = journey('y0', 'A', 'a1').register('2025-05-01').schedule('2025-05-01', 'late', '2025-06-14')

  it('lists overdue follow-ups and those due within 7 days, not kept ones nor later ones', () => {
    const w = worklist([y1, late], mine)
    expect(w.overdueFollowUps).toEqual([{ youthId: 'y0', followUpId: 'late', dueOn: '2025-06-14', days: 1 }])
    expect(w.followUpsDueSoon.map((f) => [f.followUpId, f.days])).toEqual([
      ['today', 0],
      ['in7', 7],
    ])
  })

  it('has a follow-up due today (FollowUpDue is dated on its date) due, not overdue; a rescheduled one by its new date', () => {
    const y2 = journey('y2', 'A', 'a1')
      .register('2025-05-01')
      .schedule('2025-05-01', 'f1', '2025-06-15')
      .due('2025-06-15', 'f1', '2025-06-15')
    const y3 = journey('y3', 'A', 'a1')
      .register('2025-05-01')
      .schedule('2025-05-01', 'f2', '2025-06-01')
      .reschedule('2025-05-30', 'f2', '2025-07-01')
    const w = worklist([y2, y3], mine)
    expect(w.overdueFollowUps).toEqual([])
    expect(w.followUpsDueSoon.map((f) => [f.followUpId, f.days])).toEqual([['f1', 0]])
    expect(
      worklist([y2, y3], { ...mine, asOf: '2025-06-16' }).overdueFollowUps.map((f) => f.followUpId),
    ).toEqual(['f1'])
  })

  it('never shows a young person overdue on a stale follow-up while a later appointment is planned', () => {
    // Seen yesterday, next interview planned: the follow-up left pending two months ago is no alert.
    const seen = journey('y1', 'A', 'a1')
      .register('2025-03-01')
      .schedule('2025-03-01', 'stale', '2025-04-14')
      .due('2025-04-14', 'stale', '2025-04-14')
      .schedule('2025-06-01', 'f2', '2025-06-14')
      .kept('2025-06-14', 'f2')
      .schedule('2025-06-14', 'f3', '2025-07-14')
    const w = worklist([seen], mine)
    expect(w.overdueFollowUps).toEqual([])
    // Without the later appointment, the stale one is the alert it always was.
    const notSeen = journey('y2', 'A', 'a1')
      .register('2025-03-01')
      .schedule('2025-03-01', 'stale', '2025-04-14')
      .due('2025-04-14', 'stale', '2025-04-14')
    expect(worklist([notSeen], mine).overdueFollowUps).toEqual([
      { youthId: 'y2', followUpId: 'stale', dueOn: '2025-04-14', days: 62 },
    ])
    // Once the planned one is itself past, the young person is overdue again.
    expect(
      worklist([seen], { ...mine, asOf: '2025-07-15' }).overdueFollowUps.map((f) => f.followUpId),
    ).toEqual(['stale', 'f3'])
  })

  it('lists the reminders due today: 7 days and 1 day before each planned appointment or session', () => {
    const y = journey('y1', 'A', 'a1')
      .register('2025-05-01')
      .schedule('2025-05-01', 'in7', '2025-06-22', 'workshop')
      .schedule('2025-05-01', 'in1', '2025-06-16')
      .schedule('2025-05-01', 'in6', '2025-06-21')
      .schedule('2025-05-01', 'gone', '2025-06-16')
      .cancelled('2025-06-10', 'gone')
      .schedule('2025-05-01', 'moved', '2025-06-16')
      .reschedule('2025-06-10', 'moved', '2025-06-30')
      // planned after the day its 7-day reminder would have fallen: no reminder
      .schedule('2025-06-16', 'late', '2025-06-22')
      .prescribe('2025-06-01', 's1', 'information-session', '2025-06-16')
      .prescribe('2025-06-01', 's2', 'workshop', '2025-06-22')
      .sessionOutcome('2025-06-05', 's2', 'workshop', '2025-06-22', 'refused-by-youth')
    const w = worklist([y], mine)
    expect(w.reminders).toEqual([
      {
        youthId: 'y1',
        of: 'appointment',
        id: 'in1',
        kind: 'individual-interview',
        on: '2025-06-16',
        daysBefore: 1,
      },
      {
        youthId: 'y1',
        of: 'session',
        id: 's1',
        kind: 'information-session',
        on: '2025-06-16',
        daysBefore: 1,
      },
      { youthId: 'y1', of: 'appointment', id: 'in7', kind: 'workshop', on: '2025-06-22', daysBefore: 7 },
    ])
    const other = queryWorklist(foldEvents(worklistProjection, record([y.events])), mine, {
      followUpDays: 7,
      programmeDays: 30,
      ageLimitDays: 60,
      reminderDays: [6],
    })
    expect(other.reminders.map((r) => r.id)).toEqual(['in6'])
  })

  it("drops an appointment of unknown attendance from the lists, and a closed journey's sessions", () => {
    const y = journey('y1', 'A', 'a1')
      .register('2025-05-01')
      .schedule('2025-05-01', 'f1', '2025-06-10')
      .unspecified('2025-06-11', 'f1')
    expect(worklist([y], mine).overdueFollowUps).toEqual([])
    const closed = journey('y2', 'A', 'a1')
      .register('2025-05-01')
      .prescribe('2025-06-01', 's1', 'workshop', '2025-06-16')
      .close('2025-06-02', 'moved-away')
      .reopen('2025-06-03')
    expect(worklist([closed], mine).reminders).toEqual([])
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

  it('lists the open proposals whose France Travail offer was withdrawn upstream, when told which offers are', () => {
    const y1 = journey('y1', 'A', 'a1')
      .register('2025-05-01')
      .offer('2025-05-02', 'p1', 'employment', '2025-07-01', '101ABCD')
      .offer('2025-05-02', 'p2', 'employment', '2025-07-01', '102ABCD')
      .offer('2025-05-02', 'p3', 'apprenticeship', '2025-07-01', '103ABCD')
      .outcome('2025-05-20', 'p3', 'apprenticeship', 'refused-by-youth', '2025-05-02')
      .offer('2025-05-02', 'p4', 'housing', '2025-07-01')
    const other = journey('y2', 'A', 'a2')
      .register('2025-05-01')
      .offer('2025-05-02', 'p1', 'employment', '2025-07-01', '101ABCD')
    const withdrawnOffers = new Map([
      ['101ABCD', '2025-06-10T08:00:00.000Z'],
      ['103ABCD', '2025-06-11T08:00:00.000Z'],
    ])
    const w = worklist([y1, other], { ...mine, withdrawnOffers })
    expect(w.partnerOffersWithdrawn).toEqual([
      { youthId: 'y1', proposalId: 'p1', offerId: '101ABCD', theme: 'employment', withdrawnOn: '2025-06-10' },
    ])
    expect(worklist([y1], mine).partnerOffersWithdrawn).toBeUndefined()
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
    // Sealed by an older version, the birthday itself: the alert gives the limit in force, the next 1st.
    const near = journey('y1', 'A', 'a1').register('2025-01-01', { ageLimitOn: '2025-07-20' })
    const rm = foldEvents(worklistProjection, record([near.events]))
    expect(JSON.stringify(rm)).not.toContain('"ageLimitOn"')
    expect(queryWorklist(rm, mine).ageLimitsNear).toEqual([])
    expect(queryWorklist(rm, { ...mine, ageLimits: openedForTest(rm, mine) }).ageLimitsNear).toEqual([
      { youthId: 'y1', ageLimitOn: '2025-08-01', daysLeft: 47 },
    ])
  })

  it('lists young people reaching the age limit within 60 days (the CEJ limit while in a CEJ)', () => {
    const near = journey('y1', 'A', 'a1').register('2025-01-01', { ageLimitOn: '2025-08-01' })
    const far = journey('y2', 'A', 'a1').register('2025-01-01', { ageLimitOn: '2025-09-01' })
    const cej = journey('y3', 'A', 'a1')
      .register('2025-01-01', { ageLimitOn: '2025-07-01', cejAgeLimitOn: '2029-07-01' })
      .programme('2025-02-01', 'CEJ', '2026-02-01')
    const w = worklist([near, far, cej], mine)
    expect(w.ageLimitsNear).toEqual([{ youthId: 'y1', ageLimitOn: '2025-08-01', daysLeft: 47 }])
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

describe('worklist: properties', () => {
  const day = (n: number) => addDays('2025-01-01' as LocalDate, n)
  /** Follow-ups of one counsellor's young people, each left pending, overdue, rescheduled, kept or cancelled. */
  const arbFollowUps = fc.array(
    fc.array(
      fc.record({
        due: fc.integer({ min: 1, max: 200 }),
        fate: fc.constantFrom('pending', 'overdue', 'rescheduled', 'kept', 'cancelled'),
        moved: fc.integer({ min: 1, max: 60 }),
      }),
      { maxLength: 5 },
    ),
    { minLength: 1, maxLength: 5 },
  )
  const journeysOf = (youths: ReadonlyArray<ReadonlyArray<{ due: number; fate: string; moved: number }>>) =>
    youths.map((fs, i) =>
      fs.reduce(
        (j, f, k) => {
          const id = `f${k}`
          const scheduled = j.schedule(day(0), id, day(f.due))
          if (f.fate === 'overdue') return scheduled.due(day(f.due), id, day(f.due))
          if (f.fate === 'rescheduled') return scheduled.reschedule(day(f.due), id, day(f.due + f.moved))
          if (f.fate === 'kept') return scheduled.kept(day(f.due), id)
          if (f.fate === 'cancelled') return scheduled.cancelled(day(f.due), id)
          return scheduled
        },
        journey(`y${i}`, 'A', 'a1').register(day(0)),
      ),
    )

  it('never lists a young person overdue while an appointment of theirs is planned ahead (any follow-ups, any date)', () => {
    fc.assert(
      fc.property(arbFollowUps, fc.integer({ min: 0, max: 280 }), (youths, at) => {
        const w = worklist(journeysOf(youths), { ...mine, asOf: day(at) })
        const ahead = new Set([...w.followUpsDueSoon, ...w.reminders].map((f) => f.youthId))
        for (const f of w.overdueFollowUps) expect(ahead.has(f.youthId)).toBe(false)
        // and no young person without a planned appointment loses an overdue one
        const rm = foldEvents(worklistProjection, record(journeysOf(youths).map((j) => j.events)))
        for (const [, y] of docEntries(rm)) {
          const pending = Object.values(y.followUps)
          const late = pending.filter((f) => f.dueOn < day(at))
          if (late.length === pending.length)
            expect(w.overdueFollowUps.filter((f) => f.youthId === y.youthId)).toHaveLength(late.length)
        }
      }),
      { numRuns: 200 },
    )
  })
})
