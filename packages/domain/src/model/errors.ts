import type { CejError } from './cejErrors.js'
import { describeCejError } from './cejErrors.js'
import type { JourneyCommandType } from './commands.js'
import type {
  FollowUpId,
  MissionLocaleId,
  PhaseId,
  ProposalId,
  RequestId,
  SessionId,
  SituationId,
} from './ids.js'
import type { LocalDate } from './localDate.js'
import type { FollowUpStatus } from './state.js'
import type {
  ContractType,
  ExitReason,
  OtherSituationKind,
  Programme,
  ProposalOutcome,
  SessionOutcome,
  Theme,
} from './vocabulary.js'

// ---------------------------------------------------------------------------------------------
// model: why a command was refused. `_tag` names the rule; the fields are what a user needs to
// fix the input. No personal data: ages and dates of the journey only, never a birth date.
// ---------------------------------------------------------------------------------------------

/** A command refused by the journey's rules. */
export type JourneyError =
  // registration and the journey as a whole
  | { readonly _tag: 'NotRegistered'; readonly command: JourneyCommandType }
  | { readonly _tag: 'AlreadyRegistered'; readonly registeredOn: LocalDate }
  | {
      readonly _tag: 'NotEligible'
      readonly age: number
      readonly minimumAge: number
      readonly ageLimit: number
      readonly rqth: boolean
    }
  | { readonly _tag: 'WrongYouth' }
  | { readonly _tag: 'WrongMissionLocale'; readonly missionLocaleId: MissionLocaleId }
  | { readonly _tag: 'DatedBeforeRegistration'; readonly on: LocalDate; readonly registeredOn: LocalDate }
  | { readonly _tag: 'DatedBeforeReopeningOrTransfer'; readonly on: LocalDate; readonly since: LocalDate }
  | {
      readonly _tag: 'DatedBeforePhaseEnd'
      readonly phaseId: PhaseId
      readonly on: LocalDate
      readonly endedOn: LocalDate
    }
  | { readonly _tag: 'JourneyIsClosed'; readonly command: JourneyCommandType; readonly closedOn: LocalDate }
  | { readonly _tag: 'JourneyNotClosed' }
  | { readonly _tag: 'AgeLimitReached'; readonly on: LocalDate; readonly ageLimitOn: LocalDate }
  | { readonly _tag: 'AgeLimitNotReached'; readonly on: LocalDate; readonly ageLimitOn: LocalDate }
  | { readonly _tag: 'DatedBeforeClosing'; readonly on: LocalDate; readonly closedOn: LocalDate }
  | { readonly _tag: 'CommentRequired'; readonly reason: ExitReason }
  | { readonly _tag: 'PersonalDataAlreadyErased' }
  | { readonly _tag: 'AgeLimitsUnknown'; readonly command: JourneyCommandType }
  | { readonly _tag: 'AgeLimitsErased'; readonly command: JourneyCommandType }
  | { readonly _tag: 'ReopeningAfterErasure' }
  | { readonly _tag: 'NothingToRectify' }
  | {
      readonly _tag: 'ExitWithoutSituation'
      readonly reason: ExitReason
      readonly needs: 'durable-employment' | 'qualifying-training'
    }
  // counsellor and mission locale
  | { readonly _tag: 'CounsellorAlreadyAssigned' }
  | { readonly _tag: 'SameMissionLocale'; readonly missionLocaleId: MissionLocaleId }
  // requests and diagnostic
  | { readonly _tag: 'DuplicateRequest'; readonly requestId: RequestId }
  // programmes
  | { readonly _tag: 'ProgrammeAlreadyOpen'; readonly programme: Programme; readonly enteredOn: LocalDate }
  | { readonly _tag: 'NoOpenProgramme' }
  | { readonly _tag: 'DiagnosticRequired'; readonly programme: Programme }
  | { readonly _tag: 'DiagnosticTooOld'; readonly diagnosticOn: LocalDate; readonly latestOn: LocalDate }
  | {
      readonly _tag: 'ProgrammeAgeLimitReached'
      readonly programme: Programme
      readonly ageLimitOn: LocalDate
    }
  | { readonly _tag: 'CejWhileInTraining'; readonly trainingId: SituationId }
  | { readonly _tag: 'CejWhileInSchool'; readonly schoolingId: SituationId }
  | {
      readonly _tag: 'PlannedEndNotAfterStart'
      readonly startOn: LocalDate
      readonly plannedEndOn: LocalDate
    }
  | {
      readonly _tag: 'ProgrammeTooLong'
      readonly programme: Programme
      readonly maxMonths: number
      readonly plannedEndOn: LocalDate
      readonly latestEndOn: LocalDate
    }
  | { readonly _tag: 'ExtensionOnlyForCej'; readonly programme: Programme }
  | {
      readonly _tag: 'ExtensionNotLater'
      readonly plannedEndOn: LocalDate
      readonly currentPlannedEndOn: LocalDate
    }
  | { readonly _tag: 'ProgrammesOverlap'; readonly on: LocalDate; readonly previousExitOn: LocalDate }
  | { readonly _tag: 'DatedBeforeProgrammeEntry'; readonly on: LocalDate; readonly enteredOn: LocalDate }
  // PACEA phases
  | { readonly _tag: 'NoOpenPacea'; readonly openProgramme: Programme | null }
  | { readonly _tag: 'DuplicatePhase'; readonly phaseId: PhaseId }
  | { readonly _tag: 'PhaseAlreadyRunning'; readonly phaseId: PhaseId; readonly startedOn: LocalDate }
  | { readonly _tag: 'PhasesOverlap'; readonly on: LocalDate; readonly previousEndOn: LocalDate }
  | {
      readonly _tag: 'FirstPhaseTooLate'
      readonly on: LocalDate
      readonly signedOn: LocalDate
      readonly latestOn: LocalDate
    }
  | {
      readonly _tag: 'PhaseEndsAfterProgramme'
      readonly plannedEndOn: LocalDate
      readonly programmePlannedEndOn: LocalDate
    }
  | {
      readonly _tag: 'DatedBeforePhaseStart'
      readonly phaseId: PhaseId
      readonly on: LocalDate
      readonly startedOn: LocalDate
    }
  | { readonly _tag: 'UnknownPhase'; readonly phaseId: PhaseId }
  | { readonly _tag: 'PhaseAlreadyEnded'; readonly phaseId: PhaseId; readonly endedOn: LocalDate }
  // proposals
  | { readonly _tag: 'DuplicateProposal'; readonly proposalId: ProposalId }
  | { readonly _tag: 'RespondByBeforeOffer'; readonly on: LocalDate; readonly respondBy: LocalDate }
  | { readonly _tag: 'UnknownProposal'; readonly proposalId: ProposalId }
  | { readonly _tag: 'ProposalAlreadyAccepted'; readonly proposalId: ProposalId }
  | {
      readonly _tag: 'OutcomeAlreadyRecorded'
      readonly proposalId: ProposalId
      readonly outcome: ProposalOutcome
    }
  | {
      readonly _tag: 'DatedBeforeOffer'
      readonly proposalId: ProposalId
      readonly on: LocalDate
      readonly offeredOn: LocalDate
    }
  | {
      readonly _tag: 'DatedBeforeAcceptance'
      readonly proposalId: ProposalId
      readonly on: LocalDate
      readonly acceptedOn: LocalDate
    }
  | { readonly _tag: 'ProposalNotExpired'; readonly proposalId: ProposalId; readonly respondBy: LocalDate }
  | { readonly _tag: 'NotATrainingProposal'; readonly proposalId: ProposalId; readonly theme: Theme }
  | { readonly _tag: 'TrainingLinkOnOtherTheme'; readonly proposalId: ProposalId; readonly theme: Theme }
  | { readonly _tag: 'PartnerOfferOnOtherTheme'; readonly proposalId: ProposalId; readonly theme: Theme }
  | { readonly _tag: 'ProposalNotAccepted'; readonly proposalId: ProposalId }
  // situations
  | { readonly _tag: 'DuplicateSituation'; readonly situationId: SituationId }
  | {
      readonly _tag: 'UnknownSituation'
      readonly situationId: SituationId
      readonly kind: 'training' | 'employment' | OtherSituationKind | 'other'
    }
  | { readonly _tag: 'SituationAlreadyEnded'; readonly situationId: SituationId; readonly endedOn: LocalDate }
  | { readonly _tag: 'EndBeforeStart'; readonly startOn: LocalDate; readonly endOn: LocalDate }
  | { readonly _tag: 'DurationRequired'; readonly contract: ContractType }
  | { readonly _tag: 'InvalidDuration'; readonly durationMonths: number }
  | {
      readonly _tag: 'ImmersionTooLong'
      readonly maxMonths: number
      readonly plannedEndOn: LocalDate
      readonly latestEndOn: LocalDate
    }
  | {
      readonly _tag: 'ImmersionAlreadyRenewed'
      readonly situationId: SituationId
      readonly renewedOn: LocalDate
    }
  | {
      readonly _tag: 'DatedBeforeSituationStart'
      readonly situationId: SituationId
      readonly on: LocalDate
      readonly startedOn: LocalDate
    }
  // follow-ups
  | { readonly _tag: 'DuplicateFollowUp'; readonly followUpId: FollowUpId }
  | { readonly _tag: 'UnknownFollowUp'; readonly followUpId: FollowUpId }
  | { readonly _tag: 'FollowUpNotPending'; readonly followUpId: FollowUpId; readonly status: FollowUpStatus }
  | { readonly _tag: 'DueBeforeScheduled'; readonly on: LocalDate; readonly dueOn: LocalDate }
  | {
      readonly _tag: 'MissedBeforeDue'
      readonly followUpId: FollowUpId
      readonly on: LocalDate
      readonly dueOn: LocalDate
    }
  | {
      readonly _tag: 'UnspecifiedBeforeDue'
      readonly followUpId: FollowUpId
      readonly on: LocalDate
      readonly dueOn: LocalDate
    }
  | {
      readonly _tag: 'DatedBeforeScheduling'
      readonly followUpId: FollowUpId
      readonly on: LocalDate
      readonly scheduledOn: LocalDate
    }
  // collective sessions
  | { readonly _tag: 'DuplicateSession'; readonly sessionId: SessionId }
  | { readonly _tag: 'UnknownSession'; readonly sessionId: SessionId }
  | {
      readonly _tag: 'SessionOutcomeAlreadyRecorded'
      readonly sessionId: SessionId
      readonly outcome: SessionOutcome
    }
  | {
      readonly _tag: 'SessionFull'
      readonly sessionId: SessionId
      readonly capacity: number
      readonly registrations: number
    }
  | { readonly _tag: 'InvalidCapacity'; readonly capacity: number; readonly registrations: number }
  | { readonly _tag: 'SessionBeforePrescription'; readonly on: LocalDate; readonly heldOn: LocalDate }
  | {
      readonly _tag: 'AttendanceBeforeSession'
      readonly sessionId: SessionId
      readonly on: LocalDate
      readonly heldOn: LocalDate
    }
  | {
      readonly _tag: 'DatedBeforePrescription'
      readonly sessionId: SessionId
      readonly on: LocalDate
      readonly prescribedOn: LocalDate
    }
  // the CEJ as a contract of engagement (hours, allowance, breaches, sanctions)
  | CejError

/** The `_tag`s of every journey error. */
export type JourneyErrorTag = JourneyError['_tag']

const describe: { readonly [K in JourneyErrorTag]: (e: Extract<JourneyError, { _tag: K }>) => string } = {
  ...describeCejError,
  NotRegistered: (e) => `${e.command} needs a registered young person: register them first.`,
  AlreadyRegistered: (e) => `This young person is already registered (since ${e.registeredOn}).`,
  NotEligible: (e) =>
    `Not eligible: aged ${e.age} on the registration date, eligible from ${e.minimumAge} up to ${e.ageLimit - 1}` +
    (e.rqth ? ' (RQTH, CEJ only).' : '.'),
  WrongYouth: () => 'The command names another young person than this journey.',
  WrongMissionLocale: (e) => `This journey is not held by mission locale ${e.missionLocaleId}.`,
  DatedBeforeRegistration: (e) => `The date ${e.on} is before the registration on ${e.registeredOn}.`,
  DatedBeforeReopeningOrTransfer: (e) =>
    `Time rule (nothing is dated before what it depends on): ${e.on} is before the journey was last reopened or transferred, on ${e.since}.`,
  DatedBeforePhaseEnd: (e) =>
    `Time rule (phases stay inside their programme): ${e.on} is before phase ${e.phaseId} ended on ${e.endedOn}.`,
  JourneyIsClosed: (e) =>
    `The journey was closed on ${e.closedOn}: ${e.command} is refused; reopen it first.`,
  JourneyNotClosed: () => 'The journey is open: only a closed journey can be reopened.',
  AgeLimitReached: (e) => `The age limit was reached on ${e.ageLimitOn}; nothing can be done on ${e.on}.`,
  AgeLimitNotReached: (e) => `The age limit is only reached on ${e.ageLimitOn}, not on ${e.on}.`,
  DatedBeforeClosing: (e) => `The date ${e.on} is before the closing on ${e.closedOn}.`,
  CommentRequired: (e) => `Closing for the reason '${e.reason}' needs a comment.`,
  PersonalDataAlreadyErased: () => "This young person's personal data is already erased.",
  NothingToRectify: () => 'A rectification carries the corrected identity, sealed; none was given.',
  AgeLimitsUnknown: (e) =>
    `${e.command} needs the journey's age limits: they are sealed, and were not opened for this command.`,
  AgeLimitsErased: (e) =>
    `The young person's personal data was erased, and the journey's age limits with it: ${e.command} cannot be decided any more.`,
  ReopeningAfterErasure: () =>
    "The young person's personal data was erased: the journey cannot be reopened; register them anew.",
  ExitWithoutSituation: (e) =>
    `An exit for '${e.reason}' needs a ${e.needs === 'durable-employment' ? 'durable employment' : 'qualifying training'} in progress on the exit date.`,
  CounsellorAlreadyAssigned: () => 'This counsellor is already the référent of the young person.',
  SameMissionLocale: (e) => `The journey is already held by mission locale ${e.missionLocaleId}.`,
  DuplicateRequest: (e) => `A request ${e.requestId} is already recorded.`,
  ProgrammeAlreadyOpen: (e) => `A ${e.programme} is already open since ${e.enteredOn}: exit it first.`,
  NoOpenProgramme: () => 'No programme is open.',
  DiagnosticRequired: (e) => `A ${e.programme} needs a completed diagnostic first.`,
  DiagnosticTooOld: (e) =>
    `The diagnostic of ${e.diagnosticOn} is too old: a PACEA must be signed by ${e.latestOn}.`,
  ProgrammeAgeLimitReached: (e) => `The age limit of the ${e.programme} was reached on ${e.ageLimitOn}.`,
  CejWhileInTraining: (e) => `A CEJ is not for people in training: training ${e.trainingId} is in progress.`,
  CejWhileInSchool: (e) => `A CEJ is not for students: schooling ${e.schoolingId} is in progress.`,
  PlannedEndNotAfterStart: (e) => `The planned end ${e.plannedEndOn} must be after the start ${e.startOn}.`,
  ProgrammeTooLong: (e) =>
    `A ${e.programme} lasts ${e.maxMonths} months at most: planned end ${e.plannedEndOn} is after ${e.latestEndOn}.`,
  ExtensionOnlyForCej: (e) => `Only a CEJ can be extended, not a ${e.programme}.`,
  ExtensionNotLater: (e) =>
    `An extension must end after the current planned end ${e.currentPlannedEndOn}, not on ${e.plannedEndOn}.`,
  ProgrammesOverlap: (e) =>
    `A programme cannot start on ${e.on}, before the previous one ended on ${e.previousExitOn}.`,
  DatedBeforeProgrammeEntry: (e) =>
    `Time rule (nothing is dated before what it depends on): ${e.on} is before the programme's entry on ${e.enteredOn}.`,
  NoOpenPacea: (e) =>
    e.openProgramme === null
      ? 'No PACEA is open: phases belong to a PACEA.'
      : `Phases belong to a PACEA, not to the open ${e.openProgramme}.`,
  DuplicatePhase: (e) => `A phase ${e.phaseId} already exists.`,
  PhaseAlreadyRunning: (e) => `Phase ${e.phaseId} is running since ${e.startedOn}: end it first.`,
  PhasesOverlap: (e) =>
    `A phase cannot start on ${e.on}, before the previous one ended on ${e.previousEndOn}.`,
  FirstPhaseTooLate: (e) =>
    `The first phase must start by ${e.latestOn} (the PACEA was signed on ${e.signedOn}), not on ${e.on}.`,
  PhaseEndsAfterProgramme: (e) =>
    `A phase ends with its PACEA: planned end ${e.plannedEndOn} is after the PACEA's planned end ${e.programmePlannedEndOn}.`,
  DatedBeforePhaseStart: (e) =>
    `Time rule (nothing is dated before what it depends on): ${e.on} is before phase ${e.phaseId} started on ${e.startedOn}.`,
  UnknownPhase: (e) => `No phase ${e.phaseId} was started.`,
  PhaseAlreadyEnded: (e) => `Phase ${e.phaseId} already ended on ${e.endedOn}.`,
  DuplicateProposal: (e) => `A proposal ${e.proposalId} was already offered.`,
  RespondByBeforeOffer: (e) => `The respond-by date ${e.respondBy} is before the offer on ${e.on}.`,
  UnknownProposal: (e) => `No proposal ${e.proposalId} was offered.`,
  ProposalAlreadyAccepted: (e) => `Proposal ${e.proposalId} is already accepted.`,
  OutcomeAlreadyRecorded: (e) => `Proposal ${e.proposalId} already has its outcome '${e.outcome}'.`,
  DatedBeforeOffer: (e) =>
    `Time rule (nothing is dated before what it depends on): ${e.on} is before proposal ${e.proposalId} was offered on ${e.offeredOn}.`,
  DatedBeforeAcceptance: (e) =>
    `Time rule (nothing is dated before what it depends on): ${e.on} is before proposal ${e.proposalId} was accepted on ${e.acceptedOn}.`,
  ProposalNotExpired: (e) =>
    `Proposal ${e.proposalId} has not expired: it was answered, or ${e.respondBy} has not passed.`,
  TrainingLinkOnOtherTheme: (e) =>
    `Proposal ${e.proposalId} is about '${e.theme}': only a training or apprenticeship proposal offers a training session.`,
  PartnerOfferOnOtherTheme: (e) =>
    `Proposal ${e.proposalId} is about '${e.theme}': only an employment or apprenticeship proposal offers a job offer.`,
  NotATrainingProposal: (e) =>
    `Proposal ${e.proposalId} is about '${e.theme}', not training or apprenticeship.`,
  ProposalNotAccepted: (e) => `Proposal ${e.proposalId} was neither accepted nor carried out.`,
  DuplicateSituation: (e) => `A situation ${e.situationId} already exists.`,
  UnknownSituation: (e) =>
    `No ${e.kind === 'other' ? 'immersion, volunteering or schooling' : e.kind} ${e.situationId} was started.`,
  SituationAlreadyEnded: (e) => `Situation ${e.situationId} already ended on ${e.endedOn}.`,
  EndBeforeStart: (e) => `The end ${e.endOn} is before the start ${e.startOn}.`,
  DurationRequired: (e) => `A ${e.contract} needs its duration in months.`,
  InvalidDuration: (e) => `A duration must be a whole number of months from 1, not ${e.durationMonths}.`,
  ImmersionTooLong: (e) =>
    `An immersion lasts ${e.maxMonths} month(s) at most: planned end ${e.plannedEndOn} is after ${e.latestEndOn}.`,
  ImmersionAlreadyRenewed: (e) =>
    `Immersion ${e.situationId} was already renewed on ${e.renewedOn}: it is renewable once.`,
  DatedBeforeSituationStart: (e) =>
    `Time rule (nothing is dated before what it depends on): ${e.on} is before situation ${e.situationId} started on ${e.startedOn}.`,
  DuplicateFollowUp: (e) => `A follow-up ${e.followUpId} already exists.`,
  UnknownFollowUp: (e) => `No follow-up ${e.followUpId} was scheduled.`,
  FollowUpNotPending: (e) => `Follow-up ${e.followUpId} is ${e.status}, no longer pending.`,
  DueBeforeScheduled: (e) => `The due date ${e.dueOn} is before ${e.on}.`,
  MissedBeforeDue: (e) => `Follow-up ${e.followUpId} is due on ${e.dueOn}: it cannot be missed on ${e.on}.`,
  UnspecifiedBeforeDue: (e) =>
    `Follow-up ${e.followUpId} is due on ${e.dueOn}: its attendance cannot be left unspecified on ${e.on}.`,
  DatedBeforeScheduling: (e) =>
    `Time rule (nothing is dated before what it depends on): ${e.on} is before follow-up ${e.followUpId} was scheduled on ${e.scheduledOn}.`,
  DuplicateSession: (e) => `The young person is already registered to session ${e.sessionId}.`,
  UnknownSession: (e) => `The young person is not registered to session ${e.sessionId}.`,
  SessionOutcomeAlreadyRecorded: (e) =>
    `The registration to session ${e.sessionId} already has its outcome '${e.outcome}'.`,
  SessionFull: (e) =>
    `Session ${e.sessionId} is full: ${e.registrations} registration(s) for a capacity of ${e.capacity}.`,
  InvalidCapacity: (e) =>
    `A capacity is a whole number from 1 and registrations a whole number from 0, not ${e.capacity} and ${e.registrations}.`,
  SessionBeforePrescription: (e) =>
    `Time rule (nothing is dated before what it depends on): the session on ${e.heldOn} is before the registration on ${e.on}.`,
  AttendanceBeforeSession: (e) =>
    `Attendance to session ${e.sessionId} is taken after it is held on ${e.heldOn}, not on ${e.on}.`,
  DatedBeforePrescription: (e) =>
    `Time rule (nothing is dated before what it depends on): ${e.on} is before the registration to session ${e.sessionId} on ${e.prescribedOn}.`,
}

/** One clear English line saying which rule a command broke (no personal data). */
export const describeJourneyError = (e: JourneyError): string =>
  (describe[e._tag] as (e: JourneyError) => string)(e)
