import type { JourneyEvent } from '../model/events.js'
import type { LocalDate } from '../model/localDate.js'
import type { Sealed } from '../model/sealed.js'
import type {
  FollowUpState,
  JourneyState,
  PhaseState,
  ProposalState,
  RegisteredJourney,
  SessionState,
  SituationState,
} from '../model/state.js'
import { entryOf, initialCejEngagement } from '../model/state.js'
import { evolveCej } from './evolveCej.js'

// ---------------------------------------------------------------------------------------------
// evolve: fold one event into the journey state. Total: an event that does not fit the state
// (which `decide` never produces) leaves the state unchanged rather than throwing.
// ---------------------------------------------------------------------------------------------

const withKey = (state: RegisteredJourney, sealed: Sealed | null): RegisteredJourney =>
  state.keyId === null && sealed !== null ? { ...state, keyId: sealed.keyId } : state

const updateIn = <V>(
  record: Readonly<Record<string, V>>,
  id: string,
  f: (v: V) => V,
): Readonly<Record<string, V>> => {
  const current = entryOf(record, id)
  return current === undefined ? record : { ...record, [id]: f(current) }
}

const proposal = (
  s: RegisteredJourney,
  id: string,
  f: (p: ProposalState) => ProposalState,
): RegisteredJourney => ({
  ...s,
  proposals: updateIn(s.proposals, id, f),
})

const situation = (
  s: RegisteredJourney,
  id: string,
  f: (x: SituationState) => SituationState,
): RegisteredJourney => ({
  ...s,
  situations: updateIn(s.situations, id, f),
})

const followUp = (
  s: RegisteredJourney,
  id: string,
  f: (x: FollowUpState) => FollowUpState,
): RegisteredJourney => ({
  ...s,
  followUps: updateIn(s.followUps, id, f),
})

const session = (
  s: RegisteredJourney,
  id: string,
  f: (x: SessionState) => SessionState,
): RegisteredJourney => ({
  ...s,
  sessions: updateIn(s.sessions, id, f),
})

const phase = (s: RegisteredJourney, id: string, f: (x: PhaseState) => PhaseState): RegisteredJourney => ({
  ...s,
  phases: updateIn(s.phases, id, f),
})

// A phase still running ends with its programme (or with the journey).
const endRunningPhases = (s: RegisteredJourney, on: LocalDate): RegisteredJourney =>
  Object.values(s.phases).some((p) => p.endedOn === null)
    ? {
        ...s,
        phases: Object.fromEntries(
          Object.entries(s.phases).map(([id, p]) => [id, p.endedOn === null ? { ...p, endedOn: on } : p]),
        ),
      }
    : s

const register = (e: Extract<JourneyEvent, { type: 'YouthRegistered' }>): RegisteredJourney =>
  withKey(
    {
      status: 'open',
      youthId: e.youthId,
      missionLocaleId: e.missionLocaleId,
      counsellorId: e.counsellorId,
      registeredOn: e.on,
      ageBand: e.ageBand,
      ageLimitOn: e.legacyAgeLimits?.ageLimitOn ?? null,
      cejAgeLimitOn: e.legacyAgeLimits?.cejAgeLimitOn ?? null,
      sealedAgeLimits: e.sealedAgeLimits,
      keyId: null,
      personalDataErased: false,
      closedOn: null,
      heldSince: e.on,
      exitReason: null,
      diagnosticOn: null,
      programme: null,
      lastProgrammeExitOn: null,
      lastCejExitOn: null,
      requests: {},
      proposals: {},
      situations: {},
      phases: {},
      followUps: {},
      sessions: {},
      followUpCount: 0,
      cej: initialCejEngagement,
    },
    e.personalData,
  )

const evolveRegistered = (s: RegisteredJourney, e: JourneyEvent): RegisteredJourney => {
  switch (e.type) {
    case 'YouthRegistered':
      return s
    case 'CounsellorAssigned':
      return { ...s, counsellorId: e.counsellorId }
    case 'JourneyTransferred':
      return { ...s, missionLocaleId: e.missionLocaleId, counsellorId: e.counsellorId, heldSince: e.on }
    case 'RequestRecorded':
      return withKey({ ...s, requests: { ...s.requests, [e.requestId]: e.theme } }, e.comment)
    case 'DiagnosticCompleted':
      return withKey({ ...s, diagnosticOn: e.on }, e.comment)
    case 'ProgrammeEntered':
      return {
        ...s,
        programme: {
          programme: e.programme,
          enteredOn: e.on,
          plannedEndOn: e.plannedEndOn,
          phasesStarted: 0,
        },
      }
    case 'ProgrammeExtended':
      return s.programme === null ? s : { ...s, programme: { ...s.programme, plannedEndOn: e.plannedEndOn } }
    case 'ProgrammeExited':
      return {
        ...endRunningPhases(s, e.on),
        programme: null,
        lastProgrammeExitOn: e.on,
        lastCejExitOn: e.programme === 'CEJ' ? e.on : s.lastCejExitOn,
      }
    case 'PaceaPhaseStarted':
      return {
        ...s,
        programme:
          s.programme === null ? null : { ...s.programme, phasesStarted: s.programme.phasesStarted + 1 },
        phases: {
          ...s.phases,
          [e.phaseId]: { startedOn: e.on, plannedEndOn: e.plannedEndOn, endedOn: null },
        },
      }
    case 'PaceaPhaseEnded':
      return phase(s, e.phaseId, (p) => ({ ...p, endedOn: e.on }))
    case 'ProposalOffered':
      return {
        ...s,
        proposals: {
          ...s.proposals,
          [e.proposalId]: {
            theme: e.theme,
            offeredOn: e.on,
            respondBy: e.respondBy,
            status: 'offered',
            acceptedOn: null,
            outcome: null,
            outcomeOn: null,
          },
        },
      }
    case 'ProposalAccepted':
      return proposal(s, e.proposalId, (p) => ({ ...p, status: 'accepted', acceptedOn: e.on }))
    case 'ProposalOutcomeRecorded':
      return proposal(s, e.proposalId, (p) => ({
        ...p,
        status: 'closed',
        outcome: e.outcome,
        outcomeOn: e.on,
      }))
    case 'TrainingStarted':
      return {
        ...s,
        situations: {
          ...s.situations,
          [e.trainingId]: {
            kind: 'training',
            startedOn: e.on,
            plannedEndOn: e.plannedEndOn,
            renewedOn: null,
            proposalId: e.proposalId,
            endedOn: null,
            contract: null,
            durable: false,
            qualifying: e.qualifying,
            result: null,
            ongoingAtExit: false,
          },
        },
      }
    case 'TrainingEnded':
      return situation(s, e.trainingId, (x) => ({ ...x, endedOn: e.on, result: e.result }))
    case 'EmploymentStarted':
      return {
        ...s,
        situations: {
          ...s.situations,
          [e.employmentId]: {
            kind: 'employment',
            startedOn: e.on,
            plannedEndOn: null,
            renewedOn: null,
            proposalId: e.proposalId,
            endedOn: null,
            contract: e.contract,
            durable: e.durable,
            qualifying: false,
            result: null,
            ongoingAtExit: false,
          },
        },
      }
    case 'EmploymentEnded':
      return situation(s, e.employmentId, (x) => ({ ...x, endedOn: e.on }))
    case 'SituationStarted':
      return {
        ...s,
        situations: {
          ...s.situations,
          [e.situationId]: {
            kind: e.kind,
            startedOn: e.on,
            plannedEndOn: e.plannedEndOn,
            renewedOn: null,
            proposalId: null,
            endedOn: null,
            contract: null,
            durable: false,
            qualifying: false,
            result: null,
            ongoingAtExit: false,
          },
        },
      }
    case 'SituationEnded':
      return situation(s, e.situationId, (x) => ({ ...x, endedOn: e.on }))
    case 'ImmersionRenewed':
      return situation(s, e.situationId, (x) => ({ ...x, plannedEndOn: e.plannedEndOn, renewedOn: e.on }))
    case 'FollowUpScheduled':
      return {
        ...s,
        followUps: {
          ...s.followUps,
          [e.followUpId]: {
            dueOn: e.dueOn,
            kind: e.kind,
            scheduledOn: e.on,
            status: 'planned',
            overdue: false,
            remindedOn: [],
          },
        },
        followUpCount: s.followUpCount + 1,
      }
    case 'FollowUpRescheduled':
      return followUp(s, e.followUpId, (f) => ({
        ...f,
        dueOn: e.dueOn,
        scheduledOn: e.on,
        status: 'rescheduled',
      }))
    case 'FollowUpKept':
      return withKey(
        followUp(s, e.followUpId, (f) => ({ ...f, status: 'present' })),
        e.comment,
      )
    case 'FollowUpMissed':
      return followUp(s, e.followUpId, (f) => ({ ...f, status: 'absent' }))
    case 'FollowUpMarkedUnspecified':
      return followUp(s, e.followUpId, (f) => ({ ...f, status: 'unspecified' }))
    case 'FollowUpReminderDue':
      return followUp(s, e.followUpId, (f) => ({ ...f, remindedOn: [...f.remindedOn, e.on] }))
    case 'SessionPrescribed':
      return {
        ...s,
        sessions: {
          ...s.sessions,
          [e.sessionId]: {
            kind: e.kind,
            heldOn: e.heldOn,
            prescribedOn: e.on,
            outcome: null,
            remindedOn: [],
          },
        },
      }
    case 'SessionOutcomeRecorded':
      return session(s, e.sessionId, (x) => ({ ...x, outcome: e.outcome }))
    case 'SessionReminderDue':
      return session(s, e.sessionId, (x) => ({ ...x, remindedOn: [...x.remindedOn, e.on] }))
    case 'SituationOngoingAtExit':
      return situation(s, e.situationId, (x) => ({ ...x, endedOn: e.on, ongoingAtExit: true }))
    case 'FollowUpCancelled':
      return followUp(s, e.followUpId, (f) => ({ ...f, status: 'cancelled' }))
    case 'FollowUpDue':
      return followUp(s, e.followUpId, (f) => ({ ...f, overdue: true }))
    case 'JourneyClosed':
      return withKey(
        {
          ...endRunningPhases(s, e.on),
          status: 'closed',
          closedOn: e.on,
          exitReason: e.reason,
          programme: null,
        },
        e.comment,
      )
    case 'JourneyReopened':
      return {
        ...s,
        status: 'open',
        closedOn: null,
        exitReason: null,
        counsellorId: e.counsellorId,
        heldSince: e.on,
      }
    case 'PersonalDataErased':
      return { ...s, personalDataErased: true, keyId: e.keyId }
    case 'IdentityRectified':
      return { ...s, keyId: s.keyId ?? e.personalData.keyId }
    case 'CejAllowanceSet':
      return withKey(s, e.personalData)
    case 'ActivityDeclared':
    case 'ActivityValidated':
    case 'CejBreachRecorded':
    case 'CejHearingHeld':
    case 'CejSanctionDecided':
    case 'CejWaitingPeriodShortened':
      // The engagement's own facts: see `withEngagement`.
      return s
  }
}

// Each event also moves the CEJ's engagement (most leave it as it is, the same object).
const withEngagement = (s: RegisteredJourney, e: JourneyEvent): RegisteredJourney => {
  const next = evolveRegistered(s, e)
  const cej = evolveCej(next.cej, e, s)
  return cej === next.cej ? next : { ...next, cej }
}

/**
 * Folds one event into the journey state.
 *
 * @example
 * import { evolveJourney, initialJourneyState, type JourneyEvent } from '@parcours/domain'
 *
 * declare const stream: ReadonlyArray<JourneyEvent>
 * const state = stream.reduce(evolveJourney, initialJourneyState)
 * const holder = state.status === 'unregistered' ? null : state.missionLocaleId
 */
export const evolveJourney = (state: JourneyState, event: JourneyEvent): JourneyState =>
  state.status === 'unregistered'
    ? event.type === 'YouthRegistered'
      ? register(event)
      : state
    : withEngagement(state, event)

/**
 * Rebuilds a journey's state from its events.
 *
 * @example
 * import { foldJourney, type JourneyEvent, type JourneyState } from '@parcours/domain'
 *
 * declare const stream: ReadonlyArray<JourneyEvent>
 * declare const cached: JourneyState // the state at some revision
 * declare const since: ReadonlyArray<JourneyEvent> // the events stored after it
 * const state = foldJourney(stream)
 * const caughtUp = foldJourney(since, cached)
 */
export const foldJourney = (
  events: ReadonlyArray<JourneyEvent>,
  from: JourneyState = { status: 'unregistered' },
): JourneyState => events.reduce(evolveJourney, from)
