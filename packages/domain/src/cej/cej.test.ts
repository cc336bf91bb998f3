import { describe, expect, test } from 'vitest'
import type { AllowanceBasis } from '../model/cejVocabulary.js'
import type { LocalDate } from '../model/localDate.js'
import { journeyFixture, fakeSealed } from '../testing/fixtures.js'
import { afterSanction, monthlyAmountOn, proRataCents, rateOf } from './allowance.js'
import { statementRowOf } from './allowanceStatement.js'
import { allowanceTable } from './allowanceTable.js'
import { cejLedgerOf } from './cejLedger.js'
import { activityMinutesInWeek, cejWeekAlerts, cejWeeks } from './cejWeeks.js'
import { defaultCejHoursPolicy } from './hoursPolicy.js'
import { fullWeeksWithin, monthOfWeek, weekOf, weekdayOf } from './weeks.js'

const d = (s: string) => s as LocalDate
const j = journeyFixture()
const policy = defaultCejHoursPolicy
const adult: AllowanceBasis = {
  householdTaxStatus: 'non-taxable',
  allowanceTerritory: 'general',
  adultOn: null,
}

describe('CEJ weeks', () => {
  test('weeks run Monday to Sunday; a week is counted in the month of its Thursday', () => {
    expect(weekdayOf(d('2025-03-03'))).toBe(0)
    expect(weekdayOf(d('2025-03-09'))).toBe(6)
    expect(weekOf(d('2025-03-09'))).toBe('2025-03-03')
    expect(weekOf(d('2024-12-31'))).toBe('2024-12-30')
    expect(monthOfWeek(d('2025-03-31'))).toBe('2025-04')
    expect(monthOfWeek(d('2025-04-28'))).toBe('2025-05')
    expect(fullWeeksWithin(d('2025-03-05'), d('2025-03-23'))).toEqual(['2025-03-10', '2025-03-17'])
  })

  test('a declared activity counts its share of the working days it covers: Monday to Friday is the whole week', () => {
    expect(activityMinutesInWeek(30, d('2025-03-24'), d('2025-03-28'), d('2025-03-24'))).toBe(1800)
    expect(activityMinutesInWeek(30, d('2025-03-24'), d('2025-03-26'), d('2025-03-24'))).toBe(1080)
    expect(activityMinutesInWeek(20, d('2025-03-29'), d('2025-04-30'), d('2025-03-24'))).toBe(0)
    expect(activityMinutesInWeek(7, d('2025-03-20'), d('2025-03-27'), d('2025-03-24'))).toBe(336) // 4/5 of 7 h
  })

  test('the hours table: 1 h an interview, 4 h a workshop, 3 h an information session, 3 h / 2 h a proposal carried out, each with its source', () => {
    expect(policy.appointment['individual-interview'].minutes).toBe(60)
    expect(policy.session.workshop.minutes).toBe(240)
    expect(policy.session['information-session'].minutes).toBe(180)
    expect(policy.proposalCarriedOut.employment.minutes).toBe(180)
    expect(policy.proposalCarriedOut.training.minutes).toBe(180)
    expect(policy.proposalCarriedOut.housing.minutes).toBe(120)
    for (const r of [...Object.values(policy.appointment), ...Object.values(policy.proposalCarriedOut)])
      expect(r.source.length).toBeGreaterThan(10)
    expect(policy.weeklyTargetMinutes).toBe(900)
  })

  const ledger = cejLedgerOf(
    [
      j.event('ProgrammeEntered', '2025-03-03', { programme: 'CEJ', plannedEndOn: '2025-12-31' }),
      j.event('FollowUpScheduled', '2025-03-03', {
        followUpId: 'f-1',
        dueOn: '2025-03-04',
        kind: 'individual-interview',
        counsellorId: 'c-1',
      }),
      j.event('FollowUpKept', '2025-03-06', { followUpId: 'f-1', comment: null }),
      j.event('SessionPrescribed', '2025-03-03', {
        sessionId: 's-1',
        kind: 'workshop',
        heldOn: '2025-03-05',
        counsellorId: 'c-1',
      }),
      j.event('SessionOutcomeRecorded', '2025-03-05', {
        sessionId: 's-1',
        kind: 'workshop',
        heldOn: '2025-03-05',
        outcome: 'carried-out',
      }),
      j.event('ProposalOutcomeRecorded', '2025-03-07', {
        proposalId: 'p-1',
        theme: 'employment',
        outcome: 'carried-out',
        offeredOn: '2025-03-01',
      }),
      j.event('ActivityDeclared', '2025-03-03', {
        activityId: 'a-1',
        kind: 'immersion',
        startsOn: '2025-03-10',
        endsOn: '2025-03-23',
        hoursPerWeek: 20,
      }),
      j.event('ActivityValidated', '2025-03-14', { activityId: 'a-1', hoursPerWeek: 14 }),
      j.event('SessionPrescribed', '2025-03-10', {
        sessionId: 's-2',
        kind: 'information-session',
        heldOn: '2025-03-20',
        counsellorId: 'c-1',
      }),
    ],
    policy,
  )

  test('validated hours come from the facts and the validated activities; declared ones from every declaration', () => {
    const weeks = cejWeeks(ledger, d('2025-03-25'), policy)
    expect(weeks.map((w) => [w.monday, w.validatedMinutes, w.declaredMinutes, w.underTarget])).toEqual([
      ['2025-03-03', 60 + 240 + 180, 480, true],
      ['2025-03-10', 14 * 60, 20 * 60, true],
      ['2025-03-17', 14 * 60, 20 * 60, true],
      ['2025-03-24', 0, 0, false],
    ])
  })

  test('a week under 15 h is an alert the week after; from Wednesday a week that cannot reach 15 h is one already', () => {
    expect(cejWeekAlerts(ledger, d('2025-03-11'), policy)).toEqual([
      { kind: 'week-under-target', monday: '2025-03-03', validatedMinutes: 480, reachableMinutes: 480 },
    ])
    // Wednesday 19 March: 14 h validated, 20 h declared, 3 h planned on Thursday: 15 h reachable.
    expect(cejWeekAlerts(ledger, d('2025-03-19'), policy).map((a) => a.kind)).toEqual(['week-under-target'])
    // Friday 21 March: the session is past (and was not recorded): 20 h declared still reach 15 h.
    const weekAfter = cejWeekAlerts(ledger, d('2025-03-26'), policy)
    expect(weekAfter).toContainEqual({
      kind: 'week-at-risk',
      monday: '2025-03-24',
      validatedMinutes: 0,
      reachableMinutes: 0,
    })
    expect(cejWeekAlerts(ledger, d('2025-03-24'), policy).map((a) => a.kind)).toEqual(['week-under-target'])
  })
})

describe('the CEJ allowance', () => {
  test('the dated table: €500 / €300 / €200 at the start, €561.68 / €337 / €224.68 from 1 April 2024; Mayotte its own', () => {
    expect(monthlyAmountOn(allowanceTable, adult, d('2024-03-01'))?.cents).toBe(50_000)
    expect(monthlyAmountOn(allowanceTable, adult, d('2024-04-01'))?.cents).toBe(56_168)
    expect(
      monthlyAmountOn(allowanceTable, { ...adult, householdTaxStatus: 'first-bracket' }, d('2024-05-01'))
        ?.cents,
    ).toBe(33_700)
    expect(
      monthlyAmountOn(allowanceTable, { ...adult, adultOn: d('2024-09-10') }, d('2024-05-01'))?.cents,
    ).toBe(22_468)
    const mayotte = monthlyAmountOn(
      allowanceTable,
      { ...adult, allowanceTerritory: 'mayotte' },
      d('2024-05-01'),
    )
    expect(mayotte?.cents).toBe(28_500)
    expect(mayotte?.row.from).toBe('2022-03-01')
    expect(monthlyAmountOn(allowanceTable, adult, d('2022-02-28'))).toBeNull()
    expect(allowanceTable.map((r) => r.status)).toEqual(['statutory', 'unverified'])
  })

  test('a minor is paid as an adult from the 1st of the month after the 18th birthday', () => {
    const minor = { ...adult, adultOn: d('2025-03-10') }
    expect(rateOf(minor, d('2025-03-31'))).toBe('minor')
    expect(rateOf(minor, d('2025-04-01'))).toBe('adult-non-taxable')
  })

  test('pro rata: days eligible over days in the month, rounded down to the cent; −25% rounds the reduction up', () => {
    expect(proRataCents(56_168, 31, 31)).toBe(56_168)
    expect(proRataCents(56_168, 10, 31)).toBe(18_118) // 18 118.06…
    expect(proRataCents(33_700, 1, 30)).toBe(1_123) // 1 123.33…
    expect(afterSanction(56_168, 'allowance-reduced')).toBe(42_126)
    expect(afterSanction(22_467, 'allowance-reduced')).toBe(16_850) // reduction 5 616.75 → 5 617
    expect(afterSanction(56_168, 'allowance-suspended')).toBe(0)
  })

  const sealed = fakeSealed()
  const contract = (more: ReadonlyArray<Parameters<typeof cejLedgerOf>[0][number]>) =>
    cejLedgerOf(
      [
        j.event('ProgrammeEntered', '2025-01-20', { programme: 'CEJ', plannedEndOn: '2025-12-31' }),
        j.event('CejAllowanceSet', '2025-01-20', { personalData: sealed }),
        ...more,
      ],
      policy,
    )

  test('the statement: pro rata in the month of entry, full afterwards, the sanction in the month it takes effect', () => {
    const l = contract([
      j.event('CejSanctionDecided', '2025-02-12', {
        breachId: 'b-1',
        rank: 1,
        sanction: 'allowance-reduced',
        effectiveOn: '2025-03-01',
      }),
    ])
    const row = (month: string) => statementRowOf(l, month, () => adult, allowanceTable)
    expect(row('2025-01')).toMatchObject({
      daysEligible: 12,
      daysInMonth: 31,
      baseCents: 21_742,
      dueCents: 21_742,
    })
    expect(row('2025-02')).toMatchObject({
      daysEligible: 28,
      baseCents: 56_168,
      dueCents: 56_168,
      sanctions: [],
    })
    expect(row('2025-03')).toMatchObject({
      baseCents: 56_168,
      sanctions: ['allowance-reduced'],
      dueCents: 42_126,
      status: 'due',
      tableRowFrom: '2024-04-01',
    })
    expect(row('2024-12')).toBeNull()
  })

  test('a termination on the 1st ends the payments; a review applies from the next month; an erased basis says so', () => {
    const l = contract([
      j.event('CejAllowanceSet', '2025-02-12', { personalData: fakeSealed('key-2') }),
      j.event('ProgrammeExited', '2025-04-01', { programme: 'CEJ', reason: 'breach' }),
    ])
    const open = (s: { keyId: string }) =>
      s.keyId === 'key-2' ? { ...adult, householdTaxStatus: 'first-bracket' as const } : adult
    expect(statementRowOf(l, '2025-02', open, allowanceTable)?.dueCents).toBe(56_168)
    expect(statementRowOf(l, '2025-03', open, allowanceTable)?.dueCents).toBe(33_700)
    expect(statementRowOf(l, '2025-04', open, allowanceTable)).toBeNull()
    expect(statementRowOf(l, '2025-03', () => 'unreadable', allowanceTable)).toMatchObject({
      status: 'basis-unreadable',
      dueCents: null,
    })
    const notSet = cejLedgerOf(
      [j.event('ProgrammeEntered', '2025-01-20', { programme: 'CEJ', plannedEndOn: '2025-12-31' })],
      policy,
    )
    expect(statementRowOf(notSet, '2025-02', () => adult, allowanceTable)).toMatchObject({
      status: 'allowance-not-set',
      daysEligible: 28,
    })
  })
})
