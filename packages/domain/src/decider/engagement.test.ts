import { describe, expect, test } from 'vitest'
import { journeyFixture, fakeSealed } from '../testing/fixtures.js'
import { given } from '../testing/givenWhenThen.js'

const j = journeyFixture()
const registered = j.command('RegisterYouth', '2025-01-10', {
  counsellorId: 'c-1',
  birthDate: '2003-06-15',
  rqth: false,
  personalData: null,
})
const enterCej = (on: string) =>
  j.command('EnterProgramme', on, { programme: 'CEJ', plannedEndOn: '2025-12-31' })
const inCej = [registered, enterCej('2025-02-03')]
const breach = (on: string, breachId = 'b-1') =>
  j.command('RecordCejBreach', on, { breachId, kind: 'unjustified-absence' })
const hearing = (
  on: string,
  breachId = 'b-1',
  outcome: 'breach-upheld' | 'breach-justified' = 'breach-upheld',
) => j.command('RecordCejHearing', on, { breachId, outcome })
const sanction = (on: string, breachId = 'b-1') => j.command('DecideCejSanction', on, { breachId })
const adult = { householdTaxStatus: 'non-taxable', allowanceTerritory: 'general', adultOn: null } as const
const setAllowance = (
  on: string,
  fields: Partial<{ rsa: boolean; primeActivite: boolean; household: object }> = {},
) =>
  j.command('SetCejAllowance', on, {
    household: adult,
    rsa: false,
    primeActivite: false,
    personalData: fakeSealed(),
    ...fields,
  } as never)
const decided = (r: { decision: { _tag: string; right?: unknown } }) =>
  r.decision._tag === 'Right' ? (r.decision.right as ReadonlyArray<unknown>) : []
const sanctioned = (breachId: string, on: string) => [
  breach(on, breachId),
  hearing(on, breachId),
  sanction(on, breachId),
]

describe('CEJ activities: declared, then validated', () => {
  const declare = (on: string, fields: object = {}) =>
    j.command('DeclareActivity', on, {
      activityId: 'a-1',
      kind: 'immersion',
      startsOn: '2025-02-10',
      endsOn: '2025-03-07',
      hoursPerWeek: 20,
      ...fields,
    })

  test('an activity of the open CEJ is declared with whole weekly hours inside the contract', () => {
    given(j.history(...inCej))
      .when(declare('2025-02-05'))
      .thenEndsWith([
        j.event('ActivityDeclared', '2025-02-05', {
          activityId: 'a-1',
          kind: 'immersion',
          startsOn: '2025-02-10',
          endsOn: '2025-03-07',
          hoursPerWeek: 20,
        }),
      ])
    given(j.history(registered))
      .when(declare('2025-02-05'))
      .thenError({ _tag: 'NoOpenCej', openProgramme: null })
    given(j.history(...inCej))
      .when(declare('2025-02-05', { hoursPerWeek: 0 }))
      .thenError('InvalidWeeklyHours')
    given(j.history(...inCej))
      .when(declare('2025-02-05', { hoursPerWeek: 36 }))
      .thenError('InvalidWeeklyHours')
    given(j.history(...inCej))
      .when(declare('2025-02-05', { hoursPerWeek: 2.5 }))
      .thenError('InvalidWeeklyHours')
    given(j.history(...inCej))
      .when(declare('2025-02-05', { endsOn: '2025-02-09' }))
      .thenError('ActivityEndsBeforeStart')
    given(j.history(...inCej))
      .when(declare('2025-02-05', { startsOn: '2025-02-01' }))
      .thenError({ _tag: 'ActivityOutsideCej', enteredOn: '2025-02-03' })
    given(j.history(...inCej, declare('2025-02-05')))
      .when(declare('2025-02-06'))
      .thenError('DuplicateActivity')
    given(j.history(...inCej))
      .when(declare('2025-02-01'))
      .thenError('DatedBeforeProgrammeEntry')
  })

  test('a counsellor validates it once, at most at the declared hours, never before its declaration', () => {
    const declared = j.history(...inCej, declare('2025-02-05'))
    const validate = (on: string, hoursPerWeek: number) =>
      j.command('ValidateActivity', on, { activityId: 'a-1', hoursPerWeek })
    given(declared)
      .when(validate('2025-02-14', 18))
      .thenEndsWith([j.event('ActivityValidated', '2025-02-14', { activityId: 'a-1', hoursPerWeek: 18 })])
    given(declared)
      .when(validate('2025-02-14', 21))
      .thenError({ _tag: 'ValidatedAboveDeclared', declaredHoursPerWeek: 20 })
    given(declared).when(validate('2025-02-04', 18)).thenError('DatedBeforeDeclaration')
    given(j.history(...inCej, declare('2025-02-05'), validate('2025-02-14', 18)))
      .when(validate('2025-02-15', 10))
      .thenError({ _tag: 'ActivityAlreadyValidated', validatedOn: '2025-02-14' })
    given(j.history(...inCej))
      .when(validate('2025-02-14', 10))
      .thenError('UnknownActivity')
  })
})

describe('the CEJ allowance', () => {
  test('it is set with its basis sealed: the event carries no amount, no household status', () => {
    const r = given(j.history(...inCej)).when(setAllowance('2025-02-03'))
    r.thenEndsWith([j.event('CejAllowanceSet', '2025-02-03', { personalData: fakeSealed() })])
    expect(JSON.stringify(r.decision)).not.toMatch(/non-taxable|first-bracket|general|mayotte/)
  })

  test('it is not combined with the RSA or the prime d’activité, nor due beyond the first bracket: refusals with reasons', () => {
    given(j.history(...inCej))
      .when(setAllowance('2025-02-03', { rsa: true }))
      .thenError({ _tag: 'AllowanceNotCombinable', with: 'rsa' })
    given(j.history(...inCej))
      .when(setAllowance('2025-02-03', { primeActivite: true }))
      .thenError({ _tag: 'AllowanceNotCombinable', with: 'prime-activite' })
    given(j.history(...inCej))
      .when(
        setAllowance('2025-02-03', {
          household: { ...adult, householdTaxStatus: 'taxable-beyond-first-bracket' },
        }),
      )
      .thenError('AllowanceNotDue')
    given(j.history(...inCej))
      .when(
        j.command('SetCejAllowance', '2025-02-03', {
          household: adult,
          rsa: false,
          primeActivite: false,
          personalData: null,
        }),
      )
      .thenError('AllowanceBasisNotSealed')
    given(j.history(...inCej))
      .when(setAllowance('2025-02-03', { household: { ...adult, adultOn: '2025-02-03' } }))
      .thenError('InvalidAdultOn')
    given(j.history(registered)).when(setAllowance('2025-02-03')).thenError('NoOpenCej')
  })
})

describe('breaches, hearings and the sanction ladder', () => {
  test('the young person is heard before any sanction, and a justified breach is not sanctioned', () => {
    given(j.history(...inCej, breach('2025-03-03')))
      .when(sanction('2025-03-04'))
      .thenError({ _tag: 'HearingRequired', breachId: 'b-1' })
    given(j.history(...inCej, breach('2025-03-03')))
      .when(hearing('2025-03-02'))
      .thenError({ _tag: 'HearingBeforeBreach', recordedOn: '2025-03-03' })
    given(j.history(...inCej, breach('2025-03-03'), hearing('2025-03-10')))
      .when(sanction('2025-03-09'))
      .thenError({ _tag: 'SanctionBeforeHearing', heardOn: '2025-03-10' })
    given(j.history(...inCej, breach('2025-03-03'), hearing('2025-03-10', 'b-1', 'breach-justified')))
      .when(sanction('2025-03-11'))
      .thenError('BreachJustified')
    given(j.history(...inCej, breach('2025-03-03'), hearing('2025-03-10')))
      .when(hearing('2025-03-11'))
      .thenError('HearingAlreadyHeld')
    given(j.history(...inCej))
      .when(hearing('2025-03-11'))
      .thenError('UnknownBreach')
    given(j.history(...inCej, breach('2025-03-03')))
      .when(breach('2025-03-04'))
      .thenError('DuplicateBreach')
  })

  test('1st: −25%, 2nd: suspended, 3rd: terminated — each from the 1st of the month after its decision', () => {
    const first = given(j.history(...inCej, breach('2025-03-03'), hearing('2025-03-10'))).when(
      sanction('2025-03-12'),
    )
    first.thenEndsWith([
      j.event('CejSanctionDecided', '2025-03-12', {
        breachId: 'b-1',
        rank: 1,
        sanction: 'allowance-reduced',
        effectiveOn: '2025-04-01',
      }),
    ])
    given(
      j.history(
        ...inCej,
        ...sanctioned('b-1', '2025-03-03'),
        breach('2025-04-07', 'b-2'),
        hearing('2025-04-14', 'b-2'),
      ),
    )
      .when(sanction('2025-04-30', 'b-2'))
      .thenEndsWith([
        j.event('CejSanctionDecided', '2025-04-30', {
          breachId: 'b-2',
          rank: 2,
          sanction: 'allowance-suspended',
          effectiveOn: '2025-05-01',
        }),
      ])
    const third = [...inCej, ...sanctioned('b-1', '2025-03-03'), ...sanctioned('b-2', '2025-04-07')]
    given(j.history(...third, breach('2025-05-05', 'b-3'), hearing('2025-05-06', 'b-3')))
      .when(sanction('2025-05-07', 'b-3'))
      .thenEndsWith([
        j.event('CejSanctionDecided', '2025-05-07', {
          breachId: 'b-3',
          rank: 3,
          sanction: 'contract-terminated',
          effectiveOn: '2025-06-01',
        }),
      ])
  })

  test('the third sanction ends the CEJ on the 1st of the next month, whenever the tick runs', () => {
    const all = [
      ...inCej,
      ...sanctioned('b-1', '2025-03-03'),
      ...sanctioned('b-2', '2025-04-07'),
      ...sanctioned('b-3', '2025-05-07'),
    ]
    const exited = j.event('ProgrammeExited', '2025-06-01', { programme: 'CEJ', reason: 'breach' })
    const late = given(j.history(...all)).when(j.command('ApplyTimeRules', '2025-07-20', {}))
    expect(late.decision._tag === 'Right' && late.decision.right).toContainEqual(exited)
    const onTime = given(j.history(...all)).when(j.command('ApplyTimeRules', '2025-06-01', {}))
    expect(onTime.decision._tag === 'Right' && onTime.decision.right).toContainEqual(exited)
    given(j.history(...all))
      .when(breach('2025-05-20', 'b-4'))
      .thenError({ _tag: 'ContractBeingTerminated', terminationOn: '2025-06-01' })
  })

  test('a new CEJ waits 6 months after a termination, unless a decision shortens the wait', () => {
    const terminated = [
      ...inCej,
      ...sanctioned('b-1', '2025-03-03'),
      ...sanctioned('b-2', '2025-04-07'),
      ...sanctioned('b-3', '2025-05-07'),
      j.command('ApplyTimeRules', '2025-06-01', {}),
    ]
    const again = (on: string) =>
      j.command('EnterProgramme', on, { programme: 'CEJ', plannedEndOn: '2026-06-30' })
    given(j.history(...terminated))
      .when(again('2025-11-30'))
      .thenError({ _tag: 'CejWaitingPeriod', terminatedOn: '2025-06-01', until: '2025-12-01' })
    expect(decided(given(j.history(...terminated)).when(again('2025-12-01')))).toContainEqual(
      j.event('ProgrammeEntered', '2025-12-01', { programme: 'CEJ', plannedEndOn: '2026-06-30' }),
    )
    const shorten = (on: string, endsOn: string) => j.command('ShortenCejWaitingPeriod', on, { endsOn })
    expect(
      decided(given(j.history(...terminated, shorten('2025-06-10', '2025-09-01'))).when(again('2025-09-01'))),
    ).toContainEqual(
      j.event('ProgrammeEntered', '2025-09-01', { programme: 'CEJ', plannedEndOn: '2026-06-30' }),
    )
    given(j.history(...terminated))
      .when(shorten('2025-06-10', '2026-01-01'))
      .thenError('InvalidWaitingPeriodEnd')
    given(j.history(...inCej))
      .when(shorten('2025-06-10', '2025-09-01'))
      .thenError('NoWaitingPeriod')
  })

  test('a breach of an ended CEJ is not sanctioned in the next one', () => {
    const ended = [
      ...inCej,
      breach('2025-03-03'),
      hearing('2025-03-04'),
      j.command('ExitProgramme', '2025-03-10', { reason: 'completed' }),
      enterCej('2025-03-11'),
    ]
    given(j.history(...ended))
      .when(sanction('2025-03-12'))
      .thenError({ _tag: 'BreachOfEarlierContract', contractEnteredOn: '2025-02-03' })
  })
})
