import { describe, expect, it } from 'vitest'
import { foldEvents } from '../model/projection.js'
import { type JourneyBuilder, journey, record } from '../testing/journeyBuilder.js'
import { dashboardProjection } from './dashboardProjection.js'
import { queryCaseload } from './queryCaseload.js'
import { type DashboardQuery, queryDashboard } from './queryDashboard.js'

const build = (...journeys: ReadonlyArray<JourneyBuilder>) =>
  foldEvents(dashboardProjection, record(journeys.map((j) => j.events)))
const dashboard = (journeys: ReadonlyArray<JourneyBuilder>, query: DashboardQuery = {}) =>
  queryDashboard(build(...journeys), query)
const month = (d: ReturnType<typeof dashboard>, m: string) => {
  const row = d.months.find((r) => r.month === m)
  if (row === undefined) throw new Error(`no row for ${m}`)
  return row
}

describe('dashboard: first receptions', () => {
  it('counts a registration in the month of its business date, across a month boundary', () => {
    const d = dashboard([
      journey('y1', 'A').register('2025-01-31'),
      journey('y2', 'A').register('2025-02-01'),
      journey('y3', 'B').register('2025-02-15'),
    ])
    expect(month(d, '2025-01').firstReceptions).toBe(1)
    expect(month(d, '2025-02').firstReceptions).toBe(2)
    const a = dashboard(
      [journey('y1', 'A').register('2025-01-31'), journey('y3', 'B').register('2025-02-15')],
      { missionLocaleId: 'A' },
    )
    expect(a.months.map((r) => [r.month, r.firstReceptions])).toEqual([['2025-01', 1]])
  })

  it('counts a young person once even if a registration arrives twice', () => {
    const d = dashboard([journey('y1', 'A').register('2025-01-10').register('2025-03-10')])
    expect(d.totals.firstReceptions).toBe(1)
  })

  it('ignores events of a journey that was never registered', () => {
    const d = dashboard([journey('y1', 'A').offer('2025-01-10', 'p1', 'training', '2025-02-01')])
    expect(d.months).toEqual([])
  })
})

describe('dashboard: contact and accompanied journeys', () => {
  it('counts as in contact only events that involve the young person: no missed appointment, expiry or closure', () => {
    const y1 = journey('y1', 'A')
      .register('2025-01-10')
      .schedule('2025-01-10', 'f1', '2025-02-05')
      .missed('2025-02-05', 'f1')
      .offer('2025-01-20', 'p1', 'training', '2025-02-10')
      .outcome('2025-03-11', 'p1', 'training', 'expired', '2025-01-20')
      .schedule('2025-03-11', 'f2', '2025-04-05')
      .close('2025-04-10', 'lost-contact')
    const y2 = journey('y2', 'A')
      .register('2025-01-10')
      .offer('2025-01-20', 'p1', 'employment', '2025-02-10')
      .outcome('2025-02-08', 'p1', 'employment', 'refused-by-youth', '2025-01-20')
    const d = dashboard([y1, y2])
    expect(d.months.map((r) => [r.month, r.inContact])).toEqual([
      ['2025-01', 2],
      ['2025-02', 1],
      ['2025-03', 0],
      ['2025-04', 0],
    ])
  })

  it('counts distinct young people with a contact event per month; FollowUpDue and erasure are no contact', () => {
    const y1 = journey('y1', 'A')
      .register('2025-01-10')
      .schedule('2025-01-10', 'f1', '2025-02-05')
      .due('2025-02-06', 'f1', '2025-02-05')
      .kept('2025-03-02', 'f1')
    const y2 = journey('y2', 'A').register('2025-01-20').erase('2025-02-01')
    const d = dashboard([y1, y2])
    expect(d.months.map((r) => r.inContact)).toEqual([2, 0, 1])
    expect(d.totals.inContact).toBe(2)
    expect(dashboard([y1, y2], { from: '2025-02', to: '2025-03' }).totals.inContact).toBe(1)
  })

  it('counts open journeys at each month end: closing and reopening', () => {
    const y1 = journey('y1', 'A')
      .register('2025-01-10')
      .close('2025-03-10', 'lost-contact')
      .reopen('2025-05-02')
    const y2 = journey('y2', 'A').register('2025-02-28')
    const d = dashboard([y1, y2], { from: '2024-12', to: '2025-06' })
    expect(d.months.map((r) => r.accompanied)).toEqual([0, 1, 2, 1, 1, 2, 2])
    expect(d.totals.accompanied).toBe(2)
  })

  it('moves a transferred journey from the old mission locale to the new one', () => {
    const y1 = journey('y1', 'A', 'a1').register('2025-01-10').transfer('2025-03-05', 'B', 'b1')
    const d = dashboard([y1], { to: '2025-04' })
    const [a, b] = d.missionLocales
    expect(a?.months.map((r) => r.accompanied)).toEqual([1, 1, 0, 0])
    expect(b?.months.map((r) => r.accompanied)).toEqual([0, 0, 1, 1])
    expect(d.months.map((r) => r.accompanied)).toEqual([1, 1, 1, 1])
    expect(a?.totals.transfers).toEqual({ in: 0, out: 1 })
    expect(b?.totals.transfers).toEqual({ in: 1, out: 0 })
    expect(queryDashboard(build(y1), { missionLocaleId: 'B' }).totals.firstReceptions).toBe(0)
  })
})

describe('dashboard: programmes, proposals, entries', () => {
  const y1 = journey('y1', 'A')
    .register('2025-01-10')
    .programme('2025-01-20', 'PACEA', '2026-01-20')
    .offer('2025-01-20', 'p1', 'training', '2025-02-20')
    .offer('2025-02-03', 'p2', 'housing', '2025-03-03')
    .outcome('2025-02-10', 'p1', 'training', 'carried-out', '2025-01-20')
    .training('2025-03-01', 't1', true)
    .employment('2025-06-01', 'e1', false)
  const y2 = journey('y2', 'A')
    .register('2025-01-05')
    .programme('2025-01-12', 'CEJ', '2026-01-12')
    .offer('2025-02-04', 'p1', 'employment', '2025-03-01')
    .outcome('2025-03-02', 'p1', 'employment', 'expired', '2025-02-04')
    .employment('2025-02-14', 'e1', true)
    .training('2025-04-01', 't1', false)
  const y3 = journey('y3', 'A').register('2025-01-01').offer('2025-01-03', 'p1', 'health', '2025-01-20')

  it('counts immersions (PMSMP) started by month, not their renewals nor other situations', () => {
    const y = journey('y9', 'A')
      .register('2025-01-05')
      .situation('2025-01-20', 's1', 'immersion', '2025-02-15')
      .renewed('2025-02-10', 's1', '2025-03-10')
      .situation('2025-02-12', 's2', 'volunteering', '2025-09-12')
      .situation('2025-03-11', 's3', 'immersion', '2025-04-10')
      .situationEnded('2025-03-10', 's1', 'immersion')
    const d = dashboard([y])
    expect(d.totals.immersionEntries).toBe(2)
    expect(['2025-01', '2025-02', '2025-03'].map((m) => month(d, m).immersionEntries)).toEqual([1, 0, 1])
  })

  it('counts programme entries, proposals by theme and by outcome, training and employment entries', () => {
    const d = dashboard([y1, y2, y3])
    expect(d.totals.programmeEntries).toEqual({ PACEA: 1, CEJ: 1 })
    expect(d.totals.proposalsByTheme).toMatchObject({
      training: 1,
      housing: 1,
      employment: 1,
      health: 1,
      apprenticeship: 0,
    })
    expect(d.totals.proposalsByOutcome).toEqual({
      'carried-out': 1,
      'refused-by-youth': 0,
      'refused-by-third-party': 0,
      expired: 1,
      'closed-without-follow-up': 0,
    })
    expect([d.totals.trainingEntries, d.totals.qualifyingTrainingEntries]).toEqual([2, 1])
    expect(d.totals.employmentEntries).toEqual({ durable: 1, other: 1 })
    expect(month(d, '2025-02').proposalsByTheme.housing).toBe(1)
    expect(month(d, '2025-03').proposalsByOutcome.expired).toBe(1)
  })

  it('gives the median days from registration to the first proposal and to the first training or job', () => {
    const d = dashboard([y1, y2, y3])
    // first proposals: y1 10 days (Jan), y2 30 days (Feb), y3 2 days (Jan)
    expect(d.totals.medianDaysToFirstProposal).toBe(10)
    expect(month(d, '2025-01').medianDaysToFirstProposal).toBe(6)
    // first entries: y1 training after 50 days (Mar), y2 job after 40 days (Feb)
    expect(d.totals.medianDaysToFirstTrainingOrJob).toBe(45)
    expect(month(d, '2025-06').medianDaysToFirstTrainingOrJob).toBeNull()
    // each young person counts once, in the month of their first proposal or entry
    expect([d.totals.firstProposals, month(d, '2025-01').firstProposals]).toEqual([3, 2])
    expect([d.totals.firstTrainingOrJobEntries, month(d, '2025-02').firstTrainingOrJobEntries]).toEqual([
      2, 1,
    ])
  })
})

describe('dashboard: programme stocks and exits by outcome', () => {
  it('counts young people in each programme at each month end, and exits by programme and reason', () => {
    const y1 = journey('y1', 'A')
      .register('2025-01-10')
      .programme('2025-01-20', 'PACEA', '2026-01-20')
      .exitProgramme('2025-03-05', 'PACEA', 'autonomy')
      .programme('2025-04-02', 'CEJ', '2026-04-02')
    const y2 = journey('y2', 'A')
      .register('2025-01-12')
      .programme('2025-02-01', 'CEJ', '2026-02-01')
      .exitProgramme('2025-03-10', 'CEJ', 'breach')
    const y3 = journey('y3', 'A')
      .register('2025-01-12')
      .programme('2025-02-01', 'CEJ', '2026-02-01')
      .exitProgramme('2025-04-10', 'CEJ', 'journey-closed')
      .close('2025-04-10', 'moved-away')
    const d = dashboard([y1, y2, y3], { to: '2025-05' })
    expect(d.months.map((m) => [m.programmeStock.PACEA, m.programmeStock.CEJ])).toEqual([
      [1, 0],
      [1, 2],
      [0, 1],
      [0, 1],
      [0, 1],
    ])
    expect(d.totals.programmeStock).toEqual({ PACEA: 0, CEJ: 1 })
    expect(d.totals.programmeExits.PACEA).toMatchObject({ autonomy: 1, breach: 0 })
    expect(d.totals.programmeExits.CEJ).toMatchObject({ breach: 1, 'journey-closed': 1, autonomy: 0 })
    expect(month(d, '2025-03').programmeExits.CEJ.breach).toBe(1)
    expect(month(d, '2025-04').programmeExits.CEJ.breach).toBe(0)
  })

  it('moves an open programme with a transferred journey, and ignores an exit without an open programme', () => {
    const y1 = journey('y1', 'A', 'a1')
      .register('2025-01-10')
      .programme('2025-01-20', 'CEJ', '2026-01-20')
      .transfer('2025-03-05', 'B', 'b1')
    const y2 = journey('y2', 'A').register('2025-01-10').exitProgramme('2025-02-01', 'PACEA')
    const d = dashboard([y1, y2], { to: '2025-04' })
    const [a, b] = d.missionLocales
    expect(a?.months.map((m) => m.programmeStock.CEJ)).toEqual([1, 1, 0, 0])
    expect(b?.months.map((m) => m.programmeStock.CEJ)).toEqual([0, 0, 1, 1])
    expect(d.months.map((m) => m.programmeStock.CEJ)).toEqual([1, 1, 1, 1])
    expect(d.totals.programmeExits.PACEA.completed).toBe(0)
    expect(d.totals.programmeStock.PACEA).toBe(0)
  })
})

describe('dashboard: exits', () => {
  it('counts exits by reason and the positive exit rate', () => {
    const reasons = ['durable-employment', 'qualifying-training', 'lost-contact', 'moved-away'] as const
    const d = dashboard(
      reasons.map((r, i) => journey(`y${i}`, 'A').register('2025-01-10').close('2025-02-10', r)),
    )
    expect(d.totals.exits).toBe(4)
    expect(d.totals.exitsByReason).toMatchObject({
      'durable-employment': 1,
      'qualifying-training': 1,
      'lost-contact': 1,
      'moved-away': 1,
      other: 0,
    })
    expect(d.totals.positiveExits).toBe(2)
    expect(d.totals.positiveExitRate).toBe(0.5)
    expect(month(d, '2025-01').positiveExitRate).toBeNull()
  })

  it('does not count a second close of a closed journey', () => {
    const d = dashboard([
      journey('y1', 'A').register('2025-01-10').close('2025-02-10', 'other').close('2025-02-11', 'other'),
    ])
    expect(d.totals.exits).toBe(1)
    expect(d.totals.accompanied).toBe(0)
  })
})

describe('dashboard: the funnel of a registration cohort', () => {
  // y1: registered in January, first proposal in February, job in March, positive exit in April;
  // y2: registered in February in B, transferred to A, proposal there; y3: a job, never a proposal.
  const y1 = journey('y1', 'A')
    .register('2025-01-20')
    .offer('2025-02-03', 'p1', 'employment', '2025-03-01')
    .employment('2025-03-02', 'e1', true)
    .close('2025-04-10', 'durable-employment')
  const y2 = journey('y2', 'B')
    .register('2025-02-05')
    .transfer('2025-02-06', 'A', 'c-a')
    .offer('2025-02-07', 'p1', 'training', '2025-03-01')
  const y3 = journey('y3', 'A').register('2025-02-10').employment('2025-02-11', 'e1', false)

  it('counts each step in the cohort of the registration, so no step exceeds the one before', () => {
    const d = dashboard([y1, y2, y3])
    expect(d.totals.funnel).toEqual({ registered: 3, proposal: 2, entry: 1, positiveExit: 1 })
    expect(month(d, '2025-01').funnel).toEqual({ registered: 1, proposal: 1, entry: 1, positiveExit: 1 })
    // February's first proposals belong to January's cohort too; the cohort of February has one
    expect(month(d, '2025-02').firstProposals).toBe(2)
    expect(month(d, '2025-02').funnel).toEqual({ registered: 2, proposal: 1, entry: 0, positiveExit: 0 })
    const a = dashboard([y1, y2, y3], { missionLocaleId: 'A', from: '2025-02' })
    expect(a.totals.firstReceptions).toBe(1)
    expect(a.totals.firstProposals).toBe(2)
    expect(a.totals.funnel).toEqual({ registered: 1, proposal: 0, entry: 0, positiveExit: 0 })
    expect(dashboard([y1, y2, y3], { missionLocaleId: 'B' }).totals.funnel.proposal).toBe(1)
  })

  it('counts a step reached in another order once the steps before it are reached', () => {
    const later = journey('y3', 'A')
      .register('2025-02-10')
      .employment('2025-02-11', 'e1', false)
      .offer('2025-05-02', 'p1', 'housing', '2025-06-01')
    expect(dashboard([later]).totals.funnel).toEqual({
      registered: 1,
      proposal: 1,
      entry: 1,
      positiveExit: 0,
    })
  })
})

describe('dashboard: follow-ups and the five-contacts share', () => {
  it('counts kept, missed and overdue follow-ups in the month of each event', () => {
    const y1 = journey('y1', 'A')
      .register('2025-01-10')
      .schedule('2025-01-10', 'f1', '2025-01-31')
      .kept('2025-01-31', 'f1')
      .schedule('2025-01-31', 'f2', '2025-02-10')
      .due('2025-02-11', 'f2', '2025-02-10')
      .missed('2025-02-12', 'f2')
    const d = dashboard([y1])
    expect(month(d, '2025-01').followUps).toEqual({ kept: 1, missed: 0, unspecified: 0, overdue: 0 })
    expect(month(d, '2025-02').followUps).toEqual({ kept: 0, missed: 1, unspecified: 0, overdue: 1 })
    const y2 = journey('y2', 'A')
      .register('2025-01-10')
      .schedule('2025-01-10', 'f1', '2025-01-31')
      .unspecified('2025-02-03', 'f1')
    expect(dashboard([y2]).totals.followUps).toEqual({ kept: 0, missed: 0, unspecified: 1, overdue: 0 })
  })

  it('counts as overdue an appointment whose day passed unsettled, not one attended, missed or moved that day', () => {
    const settledThatDay = journey('y1', 'A')
      .register('2025-01-10')
      .schedule('2025-01-10', 'f1', '2025-02-10')
      .due('2025-02-10', 'f1', '2025-02-10')
      .kept('2025-02-10', 'f1')
      .schedule('2025-02-10', 'f2', '2025-03-10')
      .due('2025-03-10', 'f2', '2025-03-10')
      .missed('2025-03-10', 'f2')
      .schedule('2025-03-10', 'f3', '2025-04-10')
      .due('2025-04-10', 'f3', '2025-04-10')
      .reschedule('2025-04-10', 'f3', '2025-04-20')
      .kept('2025-04-20', 'f3')
    expect(dashboard([settledThatDay]).totals.followUps.overdue).toBe(0)
    const lateOrNever = journey('y2', 'A')
      .register('2025-01-10')
      .schedule('2025-01-10', 'f1', '2025-01-31')
      .due('2025-01-31', 'f1', '2025-01-31')
      .kept('2025-02-01', 'f1')
      .schedule('2025-02-01', 'f2', '2025-03-10')
      .due('2025-03-10', 'f2', '2025-03-10')
    const d = dashboard([lateOrNever])
    expect([month(d, '2025-01').followUps.overdue, month(d, '2025-03').followUps.overdue]).toEqual([1, 1])
    expect(month(d, '2025-02').followUps.overdue).toBe(0)
  })

  it('counts individual interviews: kept appointments of that kind, not calls, workshops or information sessions', () => {
    const y1 = journey('y1', 'A')
      .register('2025-01-10')
      .schedule('2025-01-10', 'f1', '2025-01-20')
      .schedule('2025-01-10', 'f2', '2025-01-21', 'phone-or-video-call')
      .schedule('2025-01-10', 'f3', '2025-01-22', 'workshop')
      .schedule('2025-01-10', 'f4', '2025-01-23', 'information-session')
      .schedule('2025-01-10', 'f5', '2025-02-03')
      .schedule('2025-01-10', 'f6', '2025-02-04')
      .kept('2025-01-20', 'f1')
      .kept('2025-01-21', 'f2')
      .kept('2025-01-22', 'f3')
      .kept('2025-01-23', 'f4')
      .kept('2025-02-03', 'f5')
      .missed('2025-02-04', 'f6')
    const d = dashboard([y1])
    expect([month(d, '2025-01').interviews, month(d, '2025-02').interviews, d.totals.interviews]).toEqual([
      1, 1, 2,
    ])
    expect(d.totals.followUps.kept).toBe(5)
  })

  it('counts a follow-up recorded kept twice as one interview', () => {
    const d = dashboard([
      journey('y1', 'A')
        .register('2025-01-10')
        .schedule('2025-01-10', 'f1', '2025-01-20')
        .kept('2025-01-20', 'f1')
        .kept('2025-01-21', 'f1'),
    ])
    expect(d.totals.interviews).toBe(1)
  })

  it('counts "seen 5 times" on individual interviews only: calls and workshops do not make it', () => {
    const dates = ['2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01']
    const seen = (kind: 'individual-interview' | 'phone-or-video-call' | 'workshop') =>
      dates.reduce(
        (acc, d, i) => acc.schedule(d, `f${i}`, d, i === 4 ? kind : 'individual-interview').kept(d, `f${i}`),
        journey('y1', 'A').register('2025-01-10'),
      )
    expect(dashboard([seen('individual-interview')]).totals.seenFiveTimes.reached).toBe(1)
    expect(dashboard([seen('phone-or-video-call')]).totals.seenFiveTimes.reached).toBe(0)
    expect(dashboard([seen('workshop')]).totals.seenFiveTimes.reached).toBe(0)
  })

  it('counts young people seen at least 5 times in the 12 months after registration, in their registration cohort', () => {
    // Each kept interview is also a contact: a sixth one changes nothing.
    const keptOn = (j: JourneyBuilder, dates: ReadonlyArray<string>) =>
      dates.reduce((acc, d, i) => acc.schedule(d, `f${i}`, d).kept(d, `f${i}`), j)
    const y1 = keptOn(journey('y1', 'A').register('2025-01-10'), [
      '2025-02-01',
      '2025-03-01',
      '2025-05-01',
      '2025-09-01',
      '2026-01-09',
    ])
    const y2 = keptOn(journey('y2', 'A').register('2025-01-20'), [
      '2025-02-01',
      '2025-03-01',
      '2025-05-01',
      '2025-09-01',
      '2026-01-20',
    ])
    const y3 = journey('y3', 'A').register('2025-02-02')
    const d = dashboard([y1, y2, y3])
    expect(month(d, '2025-01').seenFiveTimes).toEqual({ cohort: 2, reached: 1, share: 0.5 })
    expect(month(d, '2025-02').seenFiveTimes).toEqual({ cohort: 1, reached: 0, share: 0 })
    expect(month(d, '2026-01').seenFiveTimes.reached).toBe(0)
  })
})

describe('dashboard: erasure and caseload', () => {
  it('leaves every count unchanged after personal-data erasure', () => {
    const base = () =>
      journey('y1', 'A')
        .register('2025-01-10')
        .offer('2025-01-12', 'p1', 'training', '2025-02-01')
        .close('2025-03-01', 'other')
    expect(dashboard([base().erase('2025-04-01')])).toEqual(dashboard([base()]))
    expect(dashboard([base().erase('2025-04-01')], { to: '2025-04' })).toEqual(
      dashboard([base()], { to: '2025-04' }),
    )
  })

  it('counts open journeys per counsellor, following assignments, transfers and exits', () => {
    const y1 = journey('y1', 'A', 'a1').register('2025-01-10').assign('2025-02-01', 'a2')
    const y2 = journey('y2', 'A', 'a1').register('2025-01-11')
    const y3 = journey('y3', 'A', 'a1').register('2025-01-12').close('2025-02-01', 'moved-away')
    const y4 = journey('y4', 'A', 'a2').register('2025-01-12').transfer('2025-02-01', 'B', 'b1')
    const rm = build(y1, y2, y3, y4)
    expect(queryCaseload(rm, { missionLocaleId: 'A' })).toEqual([
      { counsellorId: 'a1', openJourneys: 1 },
      { counsellorId: 'a2', openJourneys: 1 },
    ])
    expect(queryCaseload(rm, { missionLocaleId: 'B' })).toEqual([{ counsellorId: 'b1', openJourneys: 1 }])
    expect(queryDashboard(rm, { missionLocaleId: 'B' }).missionLocales[0]?.caseload).toEqual([
      { counsellorId: 'b1', openJourneys: 1 },
    ])
  })

  it('is plain JSON holding no young person id', () => {
    const d = dashboard([
      journey('youth-secret-1', 'A').register('2025-01-10').transfer('2025-02-01', 'B', 'b1'),
    ])
    expect(JSON.stringify(d)).not.toContain('youth-secret-1')
    expect(JSON.parse(JSON.stringify(d))).toEqual(d)
  })

  it('gives no rows for an empty read model or a malformed month', () => {
    expect(queryDashboard(build()).months).toEqual([])
    expect(
      dashboard([journey('y1', 'A').register('2025-01-10')], { from: '2025-01', to: '2025-13' }).months,
    ).toEqual([])
  })
})
