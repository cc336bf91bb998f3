import type { AgeBand, AgeLimits } from './ageLimits.js'
import { ageLimitsInForce } from './ageLimits.js'
import type { ActivityKind, BreachKind, CejSanction, HearingOutcome } from './cejVocabulary.js'
import type {
  CounsellorId,
  FollowUpId,
  KeyId,
  MissionLocaleId,
  PhaseId,
  ProposalId,
  SessionId,
  SituationId,
  YouthId,
} from './ids.js'
import type { LocalDate } from './localDate.js'
import type { Sealed } from './sealed.js'
import type {
  AppointmentKind,
  ContractType,
  ExitReason,
  OtherSituationKind,
  Programme,
  ProposalOutcome,
  SessionKind,
  SessionOutcome,
  Theme,
  TrainingResult,
} from './vocabulary.js'

// ---------------------------------------------------------------------------------------------
// model: what the decider knows of a journey, rebuilt from its events by `evolve`.
// Plain readonly data (records, not Maps) so states compare with deep equality.
// ---------------------------------------------------------------------------------------------

/** The open contractual programme. */
export interface OpenProgramme {
  readonly programme: Programme
  readonly enteredOn: LocalDate
  readonly plannedEndOn: LocalDate
  /** How many phases started in this programme (a PACEA's first phase has its own deadline). */
  readonly phasesStarted: number
}

/** A phase of a PACEA; it ends at the latest with its PACEA. */
export interface PhaseState {
  readonly startedOn: LocalDate
  readonly plannedEndOn: LocalDate
  readonly endedOn: LocalDate | null
}

/** Where a proposal stands: offered, accepted (answered, outcome to come) or closed with its outcome. */
export type ProposalStatus = 'offered' | 'accepted' | 'closed'

/** A proposal as the decider tracks it. */
export interface ProposalState {
  readonly theme: Theme
  readonly offeredOn: LocalDate
  readonly respondBy: LocalDate
  readonly status: ProposalStatus
  /** When the young person accepted it (an accepted proposal never carried out expires, policy). */
  readonly acceptedOn: LocalDate | null
  readonly outcome: ProposalOutcome | null
  readonly outcomeOn: LocalDate | null
}

/** A situation: training, employment, immersion, volunteering or schooling. */
export interface SituationState {
  readonly kind: 'training' | 'employment' | OtherSituationKind
  readonly startedOn: LocalDate
  /** The planned end, when one was given (always for an immersion, a volunteering or a schooling). */
  readonly plannedEndOn: LocalDate | null
  /** When an immersion was renewed (it is renewed once at most). */
  readonly renewedOn: LocalDate | null
  readonly proposalId: ProposalId | null
  readonly endedOn: LocalDate | null
  readonly contract: ContractType | null
  readonly durable: boolean
  readonly qualifying: boolean
  readonly result: TrainingResult | null
  /** Still in progress when the journey closed: recorded as such, and no longer followed. */
  readonly ongoingAtExit: boolean
}

/**
 * Where an appointment stands, in i-milo's words: planned or rescheduled (both still to be held),
 * then present (kept), absent (missed), cancelled or unspecified.
 */
export type FollowUpStatus = 'planned' | 'rescheduled' | 'present' | 'absent' | 'cancelled' | 'unspecified'

/** An appointment (follow-up) as the decider tracks it; `overdue` once FollowUpDue was recorded for it. */
export interface FollowUpState {
  readonly dueOn: LocalDate
  readonly kind: AppointmentKind
  /** When it was planned, then when it was last moved: attendance is never dated before. */
  readonly scheduledOn: LocalDate
  readonly status: FollowUpStatus
  readonly overdue: boolean
  /** The dates of the reminders already recorded for it. */
  readonly remindedOn: ReadonlyArray<LocalDate>
}

/** A registration of the young person to a collective session. */
export interface SessionState {
  readonly kind: SessionKind
  readonly heldOn: LocalDate
  readonly prescribedOn: LocalDate
  readonly outcome: SessionOutcome | null
  readonly remindedOn: ReadonlyArray<LocalDate>
}

/** A declared activity of the CEJ. */
export interface ActivityState {
  readonly kind: ActivityKind
  readonly startsOn: LocalDate
  readonly endsOn: LocalDate
  readonly declaredOn: LocalDate
  readonly declaredHoursPerWeek: number
  readonly validatedOn: LocalDate | null
  readonly validatedHoursPerWeek: number | null
}

/** A breach of the CEJ's commitments, its hearing and its sanction. */
export interface BreachState {
  readonly kind: BreachKind
  readonly recordedOn: LocalDate
  /** The entry of the CEJ it belongs to: a sanction applies to that contract only. */
  readonly contractEnteredOn: LocalDate
  readonly heardOn: LocalDate | null
  readonly hearingOutcome: HearingOutcome | null
  readonly sanctionDecidedOn: LocalDate | null
  readonly sanction: CejSanction | null
}

/** What the decider knows of the CEJ's engagement: activities, allowance, breaches, sanctions. */
export interface CejEngagement {
  readonly activities: Readonly<Record<string, ActivityState>>
  /** When the allowance of the open CEJ was last set (its basis is sealed: the decider never sees it). */
  readonly allowanceSetOn: LocalDate | null
  readonly breaches: Readonly<Record<string, BreachState>>
  /** Sanctions decided in the open CEJ: the next one is rung `sanctionsInContract + 1`. */
  readonly sanctionsInContract: number
  /** The 1st of the month the open CEJ ends for breaches (third sanction), once decided. */
  readonly terminationOn: LocalDate | null
  /** When the last CEJ ended for breaches: a new one waits (policy). */
  readonly lastTerminatedOn: LocalDate | null
  /** The waiting period's end, when a decision shortened it. */
  readonly waitingEndsOn: LocalDate | null
}

/** A journey before its registration. */
export interface UnregisteredJourney {
  readonly status: 'unregistered'
}

/** A registered journey, open or closed. */
export interface RegisteredJourney {
  readonly status: 'open' | 'closed'
  readonly youthId: YouthId
  readonly missionLocaleId: MissionLocaleId
  readonly counsellorId: CounsellorId
  readonly registeredOn: LocalDate
  readonly ageBand: AgeBand
  /**
   * The 26th birthday, once known: the events hold it sealed, so it is known only from a
   * command's opened `ageLimits` (or an event of a store not yet migrated).
   */
  readonly ageLimitOn: LocalDate | null
  /** The 30th birthday with RQTH, else `ageLimitOn`: the journey stays open until then for the CEJ. */
  readonly cejAgeLimitOn: LocalDate | null
  /** The age limits as the registration sealed them: what the shell opens for the next command. */
  readonly sealedAgeLimits: Sealed | null
  /** The key that seals this young person's personal data, once known. */
  readonly keyId: KeyId | null
  readonly personalDataErased: boolean
  readonly closedOn: LocalDate | null
  /**
   * Since when the journey is held as it is: its registration, last reopening or last transfer.
   * Nothing is recorded on it dated before (a reopened or transferred journey is not rewritten).
   */
  readonly heldSince: LocalDate
  readonly exitReason: ExitReason | null
  readonly diagnosticOn: LocalDate | null
  readonly programme: OpenProgramme | null
  /** When the last programme ended: a new one may not start before (no overlap). */
  readonly lastProgrammeExitOn: LocalDate | null
  /** When the last CEJ ended (it may have carried a young person with RQTH past the 26th birthday). */
  readonly lastCejExitOn: LocalDate | null
  readonly requests: Readonly<Record<string, Theme>>
  readonly proposals: Readonly<Record<string, ProposalState>>
  readonly situations: Readonly<Record<string, SituationState>>
  /** Every PACEA phase of the journey, ended ones included. */
  readonly phases: Readonly<Record<string, PhaseState>>
  readonly followUps: Readonly<Record<string, FollowUpState>>
  readonly sessions: Readonly<Record<string, SessionState>>
  /** How many follow-ups were ever scheduled: the base of derived follow-up ids. */
  readonly followUpCount: number
  /** The CEJ as a contract of engagement. */
  readonly cej: CejEngagement
}

/** A registered journey whose age limits are known: what every rule of the decider sees. */
export type AgedJourney = RegisteredJourney & AgeLimits

/** The state of one young person's journey. */
export type JourneyState = UnregisteredJourney | RegisteredJourney

/** The engagement of a journey that never entered a CEJ. */
export const initialCejEngagement: CejEngagement = {
  activities: {},
  allowanceSetOn: null,
  breaches: {},
  sanctionsInContract: 0,
  terminationOn: null,
  lastTerminatedOn: null,
  waitingEndsOn: null,
}

/** A journey before any event. */
export const initialJourneyState: JourneyState = { status: 'unregistered' }

/**
 * The version of `JourneyState`'s shape and of what the decider's `evolve` folds into it. A saved
 * state of another version (a command handler's snapshot) is not used. Bump it with any change
 * that folds the same events into a different state — in the state, in `evolve`, or in an
 * upcaster of an event's old versions: the state version test's fingerprint of folded journeys
 * fails until the version is bumped and the fingerprint recorded again.
 */
export const JOURNEY_STATE_VERSION = 'journey-state-1'

/**
 * Whether a journey state may be kept outside the event log (a command handler's snapshot): not
 * while it holds, in clear, the age limits of a registration recorded before they were sealed
 * (schema version 2, until `parcours migrate`). Such a state lives in memory only.
 */
export const journeyStateSavable = (state: JourneyState): boolean =>
  !isRegistered(state) || (state.ageLimitOn === null && state.cejAgeLimitOn === null)

/** Whether the journey has been registered (open or closed). */
export const isRegistered = (state: JourneyState): state is RegisteredJourney =>
  state.status !== 'unregistered'

/** The entry under `id` in one of the journey's records: an id such as `constructor` is an id, not an inherited member. */
export const entryOf = <V>(record: Readonly<Record<string, V>>, id: string): V | undefined =>
  Object.hasOwn(record, id) ? record[id] : undefined

/** Whether an appointment is still to be held (planned or rescheduled). */
export const isPending = (f: FollowUpState): boolean => f.status === 'planned' || f.status === 'rescheduled'

/** The ids of the journey's pending follow-ups (planned or rescheduled). */
export const pendingFollowUps = (state: RegisteredJourney): ReadonlyArray<FollowUpId> =>
  Object.entries(state.followUps)
    .filter(([, f]) => isPending(f))
    .map(([id]) => id as FollowUpId)

/**
 * The next follow-up as of `on`: the nearest pending appointment not yet past (due on or after
 * `on`). A stale overdue one never stands in for it. Ties go to the smaller id.
 */
export const nextFollowUp = (
  state: RegisteredJourney,
  on: LocalDate,
): { readonly followUpId: FollowUpId; readonly dueOn: LocalDate } | null => {
  let best: { followUpId: FollowUpId; dueOn: LocalDate } | null = null
  for (const [id, f] of Object.entries(state.followUps))
    if (isPending(f) && f.dueOn >= on && (best === null || f.dueOn < best.dueOn))
      best = { followUpId: id as FollowUpId, dueOn: f.dueOn }
  return best
}

/** The ids of the session registrations without an outcome. */
export const openSessions = (state: RegisteredJourney): ReadonlyArray<SessionId> =>
  Object.entries(state.sessions)
    .filter(([, x]) => x.outcome === null)
    .map(([id]) => id as SessionId)

/** The trainings in progress (started, not ended). */
export const trainingsInProgress = (state: RegisteredJourney): ReadonlyArray<SituationId> =>
  situationsInProgress(state, 'training')

/** The situations of one kind that started and have not ended. */
export const situationsInProgress = (
  state: RegisteredJourney,
  kind: SituationState['kind'],
): ReadonlyArray<SituationId> =>
  Object.entries(state.situations)
    .filter(([, s]) => s.kind === kind && s.endedOn === null)
    .map(([id]) => id as SituationId)

/** The running PACEA phase (started, not ended), if any. */
export const runningPhase = (state: RegisteredJourney): PhaseId | null =>
  (Object.entries(state.phases).find(([, p]) => p.endedOn === null)?.[0] ?? null) as PhaseId | null

/**
 * The journey with its age limits: those the command brings (opened by the shell), else those a
 * store not yet migrated still holds in clear; `null` when neither knows them.
 */
export const withAgeLimits = (
  state: RegisteredJourney,
  opened: AgeLimits | undefined,
): AgedJourney | null => {
  if (opened !== undefined) return { ...state, ...ageLimitsInForce(opened) }
  return state.ageLimitOn === null || state.cejAgeLimitOn === null
    ? null
    : { ...state, ...ageLimitsInForce({ ageLimitOn: state.ageLimitOn, cejAgeLimitOn: state.cejAgeLimitOn }) }
}
