import type { ActivityId, BreachId } from './ids.js'
import type { LocalDate } from './localDate.js'
import type { Programme } from './vocabulary.js'

// ---------------------------------------------------------------------------------------------
// model: why a command of the CEJ's engagement was refused. No personal data: a refusal of the
// allowance names the rule (not combined with the RSA…), never the household's bracket.
// ---------------------------------------------------------------------------------------------

/** A CEJ engagement command refused by the journey's rules. */
export type CejError =
  | { readonly _tag: 'NoOpenCej'; readonly openProgramme: Programme | null }
  | { readonly _tag: 'DuplicateActivity'; readonly activityId: ActivityId }
  | { readonly _tag: 'UnknownActivity'; readonly activityId: ActivityId }
  | { readonly _tag: 'InvalidWeeklyHours'; readonly hoursPerWeek: number; readonly maxHoursPerWeek: number }
  | { readonly _tag: 'ActivityEndsBeforeStart'; readonly startsOn: LocalDate; readonly endsOn: LocalDate }
  | { readonly _tag: 'ActivityOutsideCej'; readonly startsOn: LocalDate; readonly enteredOn: LocalDate }
  | {
      readonly _tag: 'ActivityAlreadyValidated'
      readonly activityId: ActivityId
      readonly validatedOn: LocalDate
    }
  | {
      readonly _tag: 'ValidatedAboveDeclared'
      readonly activityId: ActivityId
      readonly hoursPerWeek: number
      readonly declaredHoursPerWeek: number
    }
  | {
      readonly _tag: 'DatedBeforeDeclaration'
      readonly activityId: ActivityId
      readonly on: LocalDate
      readonly declaredOn: LocalDate
    }
  | { readonly _tag: 'AllowanceNotCombinable'; readonly with: 'rsa' | 'prime-activite' }
  | { readonly _tag: 'AllowanceNotDue'; readonly reason: 'household-taxable-beyond-first-bracket' }
  | { readonly _tag: 'AllowanceBasisNotSealed' }
  | { readonly _tag: 'InvalidAdultOn'; readonly adultOn: LocalDate; readonly on: LocalDate }
  | { readonly _tag: 'DuplicateBreach'; readonly breachId: BreachId }
  | { readonly _tag: 'UnknownBreach'; readonly breachId: BreachId }
  | { readonly _tag: 'ContractBeingTerminated'; readonly terminationOn: LocalDate }
  | { readonly _tag: 'HearingAlreadyHeld'; readonly breachId: BreachId; readonly heardOn: LocalDate }
  | {
      readonly _tag: 'HearingBeforeBreach'
      readonly breachId: BreachId
      readonly on: LocalDate
      readonly recordedOn: LocalDate
    }
  | { readonly _tag: 'HearingRequired'; readonly breachId: BreachId }
  | { readonly _tag: 'BreachJustified'; readonly breachId: BreachId; readonly heardOn: LocalDate }
  | { readonly _tag: 'SanctionAlreadyDecided'; readonly breachId: BreachId; readonly decidedOn: LocalDate }
  | {
      readonly _tag: 'SanctionBeforeHearing'
      readonly breachId: BreachId
      readonly on: LocalDate
      readonly heardOn: LocalDate
    }
  | {
      readonly _tag: 'BreachOfEarlierContract'
      readonly breachId: BreachId
      readonly contractEnteredOn: LocalDate
    }
  | { readonly _tag: 'CejWaitingPeriod'; readonly terminatedOn: LocalDate; readonly until: LocalDate }
  | { readonly _tag: 'NoWaitingPeriod' }
  | {
      readonly _tag: 'InvalidWaitingPeriodEnd'
      readonly endsOn: LocalDate
      readonly terminatedOn: LocalDate
      readonly normalEndOn: LocalDate
    }

type Describe = { readonly [K in CejError['_tag']]: (e: Extract<CejError, { _tag: K }>) => string }

/** One sentence per CEJ refusal, for a person. */
export const describeCejError: Describe = {
  NoOpenCej: (e) =>
    e.openProgramme === null ? 'No CEJ is open.' : `The open programme is a ${e.openProgramme}, not a CEJ.`,
  DuplicateActivity: (e) => `An activity ${e.activityId} is already declared.`,
  UnknownActivity: (e) => `No activity ${e.activityId} was declared.`,
  InvalidWeeklyHours: (e) =>
    `Weekly hours are a whole number from 1 to ${e.maxHoursPerWeek}, not ${e.hoursPerWeek}.`,
  ActivityEndsBeforeStart: (e) => `The activity ends on ${e.endsOn}, before it starts on ${e.startsOn}.`,
  ActivityOutsideCej: (e) =>
    `The activity starts on ${e.startsOn}, before the CEJ's entry on ${e.enteredOn}.`,
  ActivityAlreadyValidated: (e) => `Activity ${e.activityId} was already validated on ${e.validatedOn}.`,
  ValidatedAboveDeclared: (e) =>
    `Activity ${e.activityId} was declared at ${e.declaredHoursPerWeek} h a week: ${e.hoursPerWeek} h cannot be validated.`,
  DatedBeforeDeclaration: (e) =>
    `Time rule (nothing is dated before what it depends on): ${e.on} is before activity ${e.activityId} was declared on ${e.declaredOn}.`,
  AllowanceNotCombinable: (e) =>
    `The CEJ allowance is not combined with ${e.with === 'rsa' ? 'the RSA' : "the prime d'activité"}.`,
  AllowanceNotDue: () =>
    'No CEJ allowance is due to a young person of a household taxable beyond the first bracket (art. D5131-19).',
  AllowanceBasisNotSealed: () => "The allowance's basis must be sealed: it is personal data.",
  InvalidAdultOn: (e) => `A minor's 18th birthday (${e.adultOn}) must be after the date ${e.on}.`,
  DuplicateBreach: (e) => `A breach ${e.breachId} is already recorded.`,
  UnknownBreach: (e) => `No breach ${e.breachId} was recorded.`,
  ContractBeingTerminated: (e) =>
    `The CEJ is terminated on ${e.terminationOn} (third sanction): nothing more to sanction.`,
  HearingAlreadyHeld: (e) => `The young person was already heard about breach ${e.breachId} on ${e.heardOn}.`,
  HearingBeforeBreach: (e) =>
    `Time rule (nothing is dated before what it depends on): the hearing on ${e.on} is before breach ${e.breachId} was recorded on ${e.recordedOn}.`,
  HearingRequired: (e) => `The young person must be heard about breach ${e.breachId} before any sanction.`,
  BreachJustified: (e) => `The hearing of ${e.heardOn} found breach ${e.breachId} justified: no sanction.`,
  SanctionAlreadyDecided: (e) => `A sanction for breach ${e.breachId} was already decided on ${e.decidedOn}.`,
  SanctionBeforeHearing: (e) =>
    `Time rule (the young person is heard first): ${e.on} is before the hearing about breach ${e.breachId} on ${e.heardOn}.`,
  BreachOfEarlierContract: (e) =>
    `Breach ${e.breachId} belongs to the CEJ entered on ${e.contractEnteredOn}, which has ended.`,
  CejWaitingPeriod: (e) =>
    `The last CEJ was terminated for breaches on ${e.terminatedOn}: a new one may start on ${e.until}.`,
  NoWaitingPeriod: () => 'No CEJ was terminated for breaches: there is no waiting period to shorten.',
  InvalidWaitingPeriodEnd: (e) =>
    `The waiting period ends between ${e.terminatedOn} and ${e.normalEndOn}, not on ${e.endsOn}.`,
}
