import { firstOfNextMonth } from '../cej/allowance.js'
import { addMonths } from '../model/calendar.js'
import type { CejSanction } from '../model/cejVocabulary.js'
import type { LocalDate } from '../model/localDate.js'
import type { OpenProgramme, RegisteredJourney } from '../model/state.js'
import { entryOf } from '../model/state.js'
import type { Decision, Rule } from './decision.js'
import { accept, refuse, stamp } from './decision.js'

// ---------------------------------------------------------------------------------------------
// The CEJ as a contract of engagement: declared activities and their validation, the allowance
// (its basis sealed, checked here opened), breaches, the hearing that always comes first, and
// the sanction ladder, each rung effective on the 1st of the month after its decision.
// ---------------------------------------------------------------------------------------------

/** The rung of the sanction ladder for the `rank`-th sanction of a contract (1, 2, then 3). */
export const sanctionOfRank = (rank: number): CejSanction =>
  rank <= 1 ? 'allowance-reduced' : rank === 2 ? 'allowance-suspended' : 'contract-terminated'

/** When a new CEJ may start after one terminated for breaches on `terminatedOn`. */
export const cejWaitingEndsOn = (s: RegisteredJourney, waitMonths: number): LocalDate | null =>
  s.cej.lastTerminatedOn === null
    ? null
    : (s.cej.waitingEndsOn ?? addMonths(s.cej.lastTerminatedOn, waitMonths))

const withOpenCej = (
  s: RegisteredJourney,
  on: LocalDate,
  then: (cej: OpenProgramme) => Decision,
): Decision => {
  const open = s.programme
  if (open === null || open.programme !== 'CEJ')
    return refuse({ _tag: 'NoOpenCej', openProgramme: open?.programme ?? null })
  if (on < open.enteredOn) return refuse({ _tag: 'DatedBeforeProgrammeEntry', on, enteredOn: open.enteredOn })
  return then(open)
}

const isWeeklyHours = (n: number, max: number): boolean => Number.isInteger(n) && n >= 1 && n <= max

/** Declare an activity of the open CEJ, inside the contract, with whole weekly hours. */
export const declareActivity: Rule<'DeclareActivity'> = (c, s, p) =>
  withOpenCej(s, c.on, (open) => {
    if (entryOf(s.cej.activities, c.activityId) !== undefined)
      return refuse({ _tag: 'DuplicateActivity', activityId: c.activityId })
    if (!isWeeklyHours(c.hoursPerWeek, p.cejMaxActivityHoursPerWeek))
      return refuse({
        _tag: 'InvalidWeeklyHours',
        hoursPerWeek: c.hoursPerWeek,
        maxHoursPerWeek: p.cejMaxActivityHoursPerWeek,
      })
    if (c.endsOn < c.startsOn)
      return refuse({ _tag: 'ActivityEndsBeforeStart', startsOn: c.startsOn, endsOn: c.endsOn })
    if (c.startsOn < open.enteredOn)
      return refuse({ _tag: 'ActivityOutsideCej', startsOn: c.startsOn, enteredOn: open.enteredOn })
    return accept({
      type: 'ActivityDeclared',
      ...stamp(s, c.on),
      activityId: c.activityId,
      kind: c.kind,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      hoursPerWeek: c.hoursPerWeek,
    })
  })

/** Validate a declared activity at its declared weekly hours or fewer (also after the CEJ ended). */
export const validateActivity: Rule<'ValidateActivity'> = (c, s) => {
  const a = entryOf(s.cej.activities, c.activityId)
  if (a === undefined) return refuse({ _tag: 'UnknownActivity', activityId: c.activityId })
  if (a.validatedOn !== null)
    return refuse({ _tag: 'ActivityAlreadyValidated', activityId: c.activityId, validatedOn: a.validatedOn })
  if (c.on < a.declaredOn)
    return refuse({
      _tag: 'DatedBeforeDeclaration',
      activityId: c.activityId,
      on: c.on,
      declaredOn: a.declaredOn,
    })
  if (!Number.isInteger(c.hoursPerWeek) || c.hoursPerWeek < 0 || c.hoursPerWeek > a.declaredHoursPerWeek)
    return refuse({
      _tag: 'ValidatedAboveDeclared',
      activityId: c.activityId,
      hoursPerWeek: c.hoursPerWeek,
      declaredHoursPerWeek: a.declaredHoursPerWeek,
    })
  return accept({
    type: 'ActivityValidated',
    ...stamp(s, c.on),
    activityId: c.activityId,
    hoursPerWeek: c.hoursPerWeek,
  })
}

/** Set or review the allowance of the open CEJ: refused with its reason where it is not due. */
export const setCejAllowance: Rule<'SetCejAllowance'> = (c, s) =>
  withOpenCej(s, c.on, () => {
    if (c.rsa) return refuse({ _tag: 'AllowanceNotCombinable', with: 'rsa' })
    if (c.primeActivite) return refuse({ _tag: 'AllowanceNotCombinable', with: 'prime-activite' })
    if (c.household.householdTaxStatus === 'taxable-beyond-first-bracket')
      return refuse({ _tag: 'AllowanceNotDue', reason: 'household-taxable-beyond-first-bracket' })
    if (c.household.adultOn !== null && c.household.adultOn <= c.on)
      return refuse({ _tag: 'InvalidAdultOn', adultOn: c.household.adultOn, on: c.on })
    if (c.personalData === null) return refuse({ _tag: 'AllowanceBasisNotSealed' })
    return accept({ type: 'CejAllowanceSet', ...stamp(s, c.on), personalData: c.personalData })
  })

/** Record a breach of the open CEJ (not once its termination is decided). */
export const recordCejBreach: Rule<'RecordCejBreach'> = (c, s) =>
  withOpenCej(s, c.on, () => {
    if (entryOf(s.cej.breaches, c.breachId) !== undefined)
      return refuse({ _tag: 'DuplicateBreach', breachId: c.breachId })
    if (s.cej.terminationOn !== null)
      return refuse({ _tag: 'ContractBeingTerminated', terminationOn: s.cej.terminationOn })
    return accept({ type: 'CejBreachRecorded', ...stamp(s, c.on), breachId: c.breachId, kind: c.kind })
  })

/** Record the hearing about a breach: once, never before the breach. */
export const recordCejHearing: Rule<'RecordCejHearing'> = (c, s) => {
  const b = entryOf(s.cej.breaches, c.breachId)
  if (b === undefined) return refuse({ _tag: 'UnknownBreach', breachId: c.breachId })
  if (b.heardOn !== null)
    return refuse({ _tag: 'HearingAlreadyHeld', breachId: c.breachId, heardOn: b.heardOn })
  if (c.on < b.recordedOn)
    return refuse({ _tag: 'HearingBeforeBreach', breachId: c.breachId, on: c.on, recordedOn: b.recordedOn })
  return accept({ type: 'CejHearingHeld', ...stamp(s, c.on), breachId: c.breachId, outcome: c.outcome })
}

/** Decide the sanction of a breach upheld at its hearing, in the same open CEJ: the next rung. */
export const decideCejSanction: Rule<'DecideCejSanction'> = (c, s) => {
  const b = entryOf(s.cej.breaches, c.breachId)
  if (b === undefined) return refuse({ _tag: 'UnknownBreach', breachId: c.breachId })
  if (b.sanctionDecidedOn !== null)
    return refuse({ _tag: 'SanctionAlreadyDecided', breachId: c.breachId, decidedOn: b.sanctionDecidedOn })
  if (b.heardOn === null) return refuse({ _tag: 'HearingRequired', breachId: c.breachId })
  if (b.hearingOutcome === 'breach-justified')
    return refuse({ _tag: 'BreachJustified', breachId: c.breachId, heardOn: b.heardOn })
  if (c.on < b.heardOn)
    return refuse({ _tag: 'SanctionBeforeHearing', breachId: c.breachId, on: c.on, heardOn: b.heardOn })
  return withOpenCej(s, c.on, (open) => {
    if (open.enteredOn !== b.contractEnteredOn)
      return refuse({
        _tag: 'BreachOfEarlierContract',
        breachId: c.breachId,
        contractEnteredOn: b.contractEnteredOn,
      })
    if (s.cej.terminationOn !== null)
      return refuse({ _tag: 'ContractBeingTerminated', terminationOn: s.cej.terminationOn })
    const rank = s.cej.sanctionsInContract + 1
    return accept({
      type: 'CejSanctionDecided',
      ...stamp(s, c.on),
      breachId: c.breachId,
      rank,
      sanction: sanctionOfRank(rank),
      effectiveOn: firstOfNextMonth(c.on),
    })
  })
}

/** Shorten the waiting period after a termination for breaches, to end between the termination and its normal end. */
export const shortenCejWaitingPeriod: Rule<'ShortenCejWaitingPeriod'> = (c, s, p) => {
  const terminatedOn = s.cej.lastTerminatedOn
  if (terminatedOn === null) return refuse({ _tag: 'NoWaitingPeriod' })
  const normalEndOn = addMonths(terminatedOn, p.cejReentryWaitMonths)
  if (c.endsOn < terminatedOn || c.endsOn > normalEndOn || c.on < terminatedOn)
    return refuse({ _tag: 'InvalidWaitingPeriodEnd', endsOn: c.endsOn, terminatedOn, normalEndOn })
  return accept({ type: 'CejWaitingPeriodShortened', ...stamp(s, c.on), endsOn: c.endsOn })
}
