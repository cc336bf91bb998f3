import type { ActivityKind, BreachKind, CejSanction, HearingOutcome } from '../model/cejVocabulary.js'
import type { JourneyEvent } from '../model/events.js'
import type { LocalDate } from '../model/localDate.js'
import type { Sealed } from '../model/sealed.js'
import { entryOf } from '../model/state.js'
import type { CejHoursPolicy } from './hoursPolicy.js'
import { weekOf } from './weeks.js'

// ---------------------------------------------------------------------------------------------
// model: what a read model keeps of one journey's CEJ engagement — its contracts, the validated
// minutes of activity of each week, the appointments and sessions still planned, the declared
// activities, the breaches and sanctions, the allowance's settings (sealed). Plain JSON, no
// amount and no rate category: those are computed from the opened basis, for payment only.
// ---------------------------------------------------------------------------------------------

/** One setting of the allowance: its basis stays sealed. */
export interface AllowanceSetting {
  readonly on: LocalDate
  readonly personalData: Sealed | null
}

/** A sanction decided in a contract. */
export interface LedgerSanction {
  readonly breachId: string
  readonly rank: number
  readonly sanction: CejSanction
  readonly decidedOn: LocalDate
  readonly effectiveOn: LocalDate
}

/** One CEJ contract: entered, maybe exited (the exit day is not a day of the contract). */
export interface CejContract {
  readonly enteredOn: LocalDate
  readonly missionLocaleId: string
  readonly exitedOn: LocalDate | null
  readonly exitReason: string | null
  readonly allowances: ReadonlyArray<AllowanceSetting>
  readonly sanctions: ReadonlyArray<LedgerSanction>
}

/** A declared activity and its validation. */
export interface LedgerActivity {
  readonly kind: ActivityKind
  readonly startsOn: LocalDate
  readonly endsOn: LocalDate
  readonly declaredHoursPerWeek: number
  readonly validatedHoursPerWeek: number | null
}

/** A breach as the ledger shows it. */
export interface LedgerBreach {
  readonly kind: BreachKind
  readonly recordedOn: LocalDate
  readonly heardOn: LocalDate | null
  readonly hearingOutcome: HearingOutcome | null
}

/** An appointment or session still to be held, and the minutes it would count. */
export interface PlannedActivity {
  readonly on: LocalDate
  readonly minutes: number
}

/** The CEJ ledger of one journey. */
export interface CejLedger {
  readonly contracts: ReadonlyArray<CejContract>
  /** Validated minutes from the journey's facts (appointments kept, sessions attended, proposals carried out), by week (its Monday). */
  readonly factMinutes: { readonly [monday: string]: number }
  /** Keyed `f:<followUpId>` or `s:<sessionId>`. */
  readonly planned: { readonly [key: string]: PlannedActivity }
  readonly activities: { readonly [activityId: string]: LedgerActivity }
  readonly breaches: { readonly [breachId: string]: LedgerBreach }
}

/** A journey's ledger before any event. */
export const emptyCejLedger: CejLedger = {
  contracts: [],
  factMinutes: {},
  planned: {},
  activities: {},
  breaches: {},
}

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

const addMinutes = (l: CejLedger, on: LocalDate, minutes: number): CejLedger => {
  if (minutes === 0) return l
  const monday = weekOf(on)
  return {
    ...l,
    factMinutes: { ...l.factMinutes, [monday]: (entryOf(l.factMinutes, monday) ?? 0) + minutes },
  }
}

const withoutPlanned = (l: CejLedger, key: string): CejLedger => {
  if (entryOf(l.planned, key) === undefined) return l
  const { [key]: _gone, ...planned } = l.planned
  return { ...l, planned }
}

// Held: the planned minutes move to the week it was held in.
const held = (l: CejLedger, key: string): CejLedger => {
  const p = entryOf(l.planned, key)
  return p === undefined ? l : addMinutes(withoutPlanned(l, key), p.on, p.minutes)
}

const updateOpenContract = (l: CejLedger, f: (c: CejContract) => CejContract): CejLedger => {
  const last = l.contracts[l.contracts.length - 1]
  return last === undefined || last.exitedOn !== null
    ? l
    : { ...l, contracts: [...l.contracts.slice(0, -1), f(last)] }
}

const closeContract = (l: CejLedger, on: LocalDate, reason: string): CejLedger =>
  updateOpenContract(l, (c) => ({ ...c, exitedOn: on, exitReason: reason }))

// ---------------------------------------------------------------------------------------------
// the fold
// ---------------------------------------------------------------------------------------------

/** Folds one journey event into its CEJ ledger, under an hours policy. Total and pure. */
export const evolveCejLedger = (l: CejLedger, e: JourneyEvent, policy: CejHoursPolicy): CejLedger => {
  switch (e.type) {
    case 'FollowUpScheduled':
      return {
        ...l,
        planned: {
          ...l.planned,
          [`f:${e.followUpId}`]: { on: e.dueOn, minutes: policy.appointment[e.kind].minutes },
        },
      }
    case 'FollowUpRescheduled': {
      const key = `f:${e.followUpId}`
      const p = entryOf(l.planned, key)
      return p === undefined ? l : { ...l, planned: { ...l.planned, [key]: { ...p, on: e.dueOn } } }
    }
    case 'FollowUpKept':
      return held(l, `f:${e.followUpId}`)
    case 'FollowUpMissed':
    case 'FollowUpCancelled':
    case 'FollowUpMarkedUnspecified':
      return withoutPlanned(l, `f:${e.followUpId}`)
    case 'SessionPrescribed':
      return {
        ...l,
        planned: {
          ...l.planned,
          [`s:${e.sessionId}`]: { on: e.heldOn, minutes: policy.session[e.kind].minutes },
        },
      }
    case 'SessionOutcomeRecorded':
      return e.outcome === 'carried-out' ? held(l, `s:${e.sessionId}`) : withoutPlanned(l, `s:${e.sessionId}`)
    case 'ProposalOutcomeRecorded':
      return e.outcome === 'carried-out' ? addMinutes(l, e.on, policy.proposalCarriedOut[e.theme].minutes) : l
    case 'ProgrammeEntered':
      return e.programme === 'CEJ'
        ? {
            ...l,
            contracts: [
              ...l.contracts,
              {
                enteredOn: e.on,
                missionLocaleId: e.missionLocaleId,
                exitedOn: null,
                exitReason: null,
                allowances: [],
                sanctions: [],
              },
            ],
          }
        : l
    case 'ProgrammeExited':
      return e.programme === 'CEJ' ? closeContract(l, e.on, e.reason) : l
    case 'JourneyClosed':
      return closeContract(l, e.on, 'journey-closed')
    case 'JourneyTransferred':
      // The open contract goes with the journey: the mission locale holding it pays and counts it.
      return updateOpenContract(l, (c) => ({ ...c, missionLocaleId: e.missionLocaleId }))
    case 'ActivityDeclared':
      return {
        ...l,
        activities: {
          ...l.activities,
          [e.activityId]: {
            kind: e.kind,
            startsOn: e.startsOn,
            endsOn: e.endsOn,
            declaredHoursPerWeek: e.hoursPerWeek,
            validatedHoursPerWeek: null,
          },
        },
      }
    case 'ActivityValidated': {
      const a = entryOf(l.activities, e.activityId)
      return a === undefined
        ? l
        : {
            ...l,
            activities: { ...l.activities, [e.activityId]: { ...a, validatedHoursPerWeek: e.hoursPerWeek } },
          }
    }
    case 'CejAllowanceSet':
      return updateOpenContract(l, (c) => ({
        ...c,
        allowances: [...c.allowances, { on: e.on, personalData: e.personalData }],
      }))
    case 'CejBreachRecorded':
      return {
        ...l,
        breaches: {
          ...l.breaches,
          [e.breachId]: { kind: e.kind, recordedOn: e.on, heardOn: null, hearingOutcome: null },
        },
      }
    case 'CejHearingHeld': {
      const b = entryOf(l.breaches, e.breachId)
      return b === undefined
        ? l
        : {
            ...l,
            breaches: { ...l.breaches, [e.breachId]: { ...b, heardOn: e.on, hearingOutcome: e.outcome } },
          }
    }
    case 'CejSanctionDecided':
      return updateOpenContract(l, (c) => ({
        ...c,
        sanctions: [
          ...c.sanctions,
          {
            breachId: e.breachId,
            rank: e.rank,
            sanction: e.sanction,
            decidedOn: e.on,
            effectiveOn: e.effectiveOn,
          },
        ],
      }))
    case 'PersonalDataErased':
      // Nothing sealed can be opened any more: the settings stay, unreadable.
      return l
    default:
      return l
  }
}

/** The ledger of a journey's events. */
export const cejLedgerOf = (events: ReadonlyArray<JourneyEvent>, policy: CejHoursPolicy): CejLedger =>
  events.reduce((l, e) => evolveCejLedger(l, e, policy), emptyCejLedger)
