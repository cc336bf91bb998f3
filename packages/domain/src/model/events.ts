import * as t from 'io-ts'
import { AgeBand, AgeLimits } from './ageLimits.js'
import { ActivityKind, BreachKind, CejSanction, HearingOutcome } from './cejVocabulary.js'
import {
  ActivityId,
  BreachId,
  CounsellorId,
  FollowUpId,
  KeyId,
  SessionId,
  MissionLocaleId,
  PartnerOfferRef,
  PhaseId,
  ProposalId,
  RequestId,
  SituationId,
  TrainingRef,
  YouthId,
} from './ids.js'
import { LocalDate } from './localDate.js'
import { Sealed } from './sealed.js'
import {
  AppointmentKind,
  ContractType,
  ExitReason,
  OtherSituationKind,
  Programme,
  ProgrammeExitReason,
  ProposalOutcome,
  SessionKind,
  SessionOutcome,
  SituationKind,
  Theme,
  TrainingResult,
} from './vocabulary.js'

// ---------------------------------------------------------------------------------------------
// model: the journey's events. Each codec's name equals its `type` string.
// Every event names the young person (pseudonymous id), the mission locale (tenant) and the
// business date `on` that decides its reporting month. Personal data only ever travels `Sealed`.
// ---------------------------------------------------------------------------------------------

const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type(
    { type: t.literal(type), youthId: YouthId, missionLocaleId: MissionLocaleId, on: LocalDate, ...props },
    type,
  )

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null])

/**
 * A young person was registered (premier accueil). Identity and age limits stay sealed; only the
 * age band is clear. `legacyAgeLimits` only appears on an event of schema version 2, read from a
 * store not yet brought forward (`parcours migrate`): nothing writes it any more.
 */
export const YouthRegistered = t.intersection(
  [
    event('YouthRegistered', {
      counsellorId: CounsellorId,
      ageBand: AgeBand,
      /** The age limits (`AgeLimits`), sealed with the young person's key. */
      sealedAgeLimits: nullable(Sealed),
      personalData: nullable(Sealed),
    }),
    t.partial({ legacyAgeLimits: AgeLimits }),
  ],
  'YouthRegistered',
)
export type YouthRegistered = t.TypeOf<typeof YouthRegistered>

/** A counsellor became the young person's référent (first assignment or transfer). */
export const CounsellorAssigned = event('CounsellorAssigned', {
  counsellorId: CounsellorId,
  previousCounsellorId: nullable(CounsellorId),
})
export type CounsellorAssigned = t.TypeOf<typeof CounsellorAssigned>

/** The journey moved to another mission locale; `missionLocaleId` is the new one. */
export const JourneyTransferred = event('JourneyTransferred', {
  fromMissionLocaleId: MissionLocaleId,
  counsellorId: CounsellorId,
})
export type JourneyTransferred = t.TypeOf<typeof JourneyTransferred>

/** The young person asked for something (recorded apart from what is proposed). */
export const RequestRecorded = event('RequestRecorded', {
  requestId: RequestId,
  theme: Theme,
  comment: nullable(Sealed),
})
export type RequestRecorded = t.TypeOf<typeof RequestRecorded>

/** The diagnostic was completed. */
export const DiagnosticCompleted = event('DiagnosticCompleted', {
  comment: nullable(Sealed),
})
export type DiagnosticCompleted = t.TypeOf<typeof DiagnosticCompleted>

/** The young person entered a contractual programme. */
export const ProgrammeEntered = event('ProgrammeEntered', {
  programme: Programme,
  plannedEndOn: LocalDate,
})
export type ProgrammeEntered = t.TypeOf<typeof ProgrammeEntered>

/** The open programme was extended to a new planned end. */
export const ProgrammeExtended = event('ProgrammeExtended', {
  programme: Programme,
  plannedEndOn: LocalDate,
})
export type ProgrammeExtended = t.TypeOf<typeof ProgrammeExtended>

/** The open programme ended. */
export const ProgrammeExited = event('ProgrammeExited', {
  programme: Programme,
  reason: ProgrammeExitReason,
})
export type ProgrammeExited = t.TypeOf<typeof ProgrammeExited>

/** A phase of the open PACEA started; it ends by its planned end at the latest, and with the PACEA. */
export const PaceaPhaseStarted = event('PaceaPhaseStarted', {
  phaseId: PhaseId,
  plannedEndOn: LocalDate,
})
export type PaceaPhaseStarted = t.TypeOf<typeof PaceaPhaseStarted>

/** A phase of the PACEA ended. */
export const PaceaPhaseEnded = event('PaceaPhaseEnded', {
  phaseId: PhaseId,
})
export type PaceaPhaseEnded = t.TypeOf<typeof PaceaPhaseEnded>

/**
 * A counsellor offered a proposal (v2: `training`, the catalogue's action and session a training
 * proposal offers, or null; version 1 had none. v3: `partnerOffer`, the partner's job offer an
 * employment or apprenticeship proposal offers, or null; version 2 had none).
 */
export const ProposalOffered = event('ProposalOffered', {
  proposalId: ProposalId,
  theme: Theme,
  respondBy: LocalDate,
  counsellorId: CounsellorId,
  training: nullable(TrainingRef),
  partnerOffer: nullable(PartnerOfferRef),
})
export type ProposalOffered = t.TypeOf<typeof ProposalOffered>

/** The young person accepted a proposal; its outcome is still to come. */
export const ProposalAccepted = event('ProposalAccepted', {
  proposalId: ProposalId,
  theme: Theme,
})
export type ProposalAccepted = t.TypeOf<typeof ProposalAccepted>

/** A proposal ended with its one outcome. */
export const ProposalOutcomeRecorded = event('ProposalOutcomeRecorded', {
  proposalId: ProposalId,
  theme: Theme,
  outcome: ProposalOutcome,
  offeredOn: LocalDate,
})
export type ProposalOutcomeRecorded = t.TypeOf<typeof ProposalOutcomeRecorded>

/** A training started, from a proposal or not (v2: `training`, the catalogue's action and session, or null). */
export const TrainingStarted = event('TrainingStarted', {
  trainingId: SituationId,
  proposalId: nullable(ProposalId),
  qualifying: t.boolean,
  plannedEndOn: nullable(LocalDate),
  training: nullable(TrainingRef),
})
export type TrainingStarted = t.TypeOf<typeof TrainingStarted>

/** A training ended. */
export const TrainingEnded = event('TrainingEnded', {
  trainingId: SituationId,
  result: TrainingResult,
})
export type TrainingEnded = t.TypeOf<typeof TrainingEnded>

/** An employment started; `durable` is derived (CDI, CDD over 6 months, apprenticeship). */
export const EmploymentStarted = event('EmploymentStarted', {
  employmentId: SituationId,
  proposalId: nullable(ProposalId),
  contract: ContractType,
  durationMonths: nullable(t.number),
  durable: t.boolean,
})
export type EmploymentStarted = t.TypeOf<typeof EmploymentStarted>

/** An employment ended. */
export const EmploymentEnded = event('EmploymentEnded', {
  employmentId: SituationId,
})
export type EmploymentEnded = t.TypeOf<typeof EmploymentEnded>

/** An immersion (PMSMP), volunteering or schooling started. */
export const SituationStarted = event('SituationStarted', {
  situationId: SituationId,
  kind: OtherSituationKind,
  plannedEndOn: LocalDate,
})
export type SituationStarted = t.TypeOf<typeof SituationStarted>

/** An immersion, volunteering or schooling ended. */
export const SituationEnded = event('SituationEnded', {
  situationId: SituationId,
  kind: OtherSituationKind,
})
export type SituationEnded = t.TypeOf<typeof SituationEnded>

/** An immersion was renewed (once) to a new planned end. */
export const ImmersionRenewed = event('ImmersionRenewed', {
  situationId: SituationId,
  plannedEndOn: LocalDate,
})
export type ImmersionRenewed = t.TypeOf<typeof ImmersionRenewed>

/** An appointment (follow-up) was planned for a date (v2: `kind` replaced v1's `channel`). */
export const FollowUpScheduled = event('FollowUpScheduled', {
  followUpId: FollowUpId,
  dueOn: LocalDate,
  kind: AppointmentKind,
  counsellorId: CounsellorId,
})
export type FollowUpScheduled = t.TypeOf<typeof FollowUpScheduled>

/** A follow-up was moved to a new due date. */
export const FollowUpRescheduled = event('FollowUpRescheduled', {
  followUpId: FollowUpId,
  dueOn: LocalDate,
})
export type FollowUpRescheduled = t.TypeOf<typeof FollowUpRescheduled>

/** The appointment's date passed and its attendance was recorded as not known (*Non précisé*). */
export const FollowUpMarkedUnspecified = event('FollowUpMarkedUnspecified', {
  followUpId: FollowUpId,
})
export type FollowUpMarkedUnspecified = t.TypeOf<typeof FollowUpMarkedUnspecified>

/** A reminder fell due `daysBefore` days before a planned appointment (time-driven, dated `dueOn − daysBefore`). */
export const FollowUpReminderDue = event('FollowUpReminderDue', {
  followUpId: FollowUpId,
  dueOn: LocalDate,
  daysBefore: t.number,
})
export type FollowUpReminderDue = t.TypeOf<typeof FollowUpReminderDue>

/** The young person was registered (*prescrit*) to a collective session held on `heldOn`. */
export const SessionPrescribed = event('SessionPrescribed', {
  sessionId: SessionId,
  kind: SessionKind,
  heldOn: LocalDate,
  counsellorId: CounsellorId,
})
export type SessionPrescribed = t.TypeOf<typeof SessionPrescribed>

/**
 * A session registration ended with its one outcome: carried out (present), refused by the young
 * person (before, or absent at the session), refused by a third party, or closed with the journey.
 */
export const SessionOutcomeRecorded = event('SessionOutcomeRecorded', {
  sessionId: SessionId,
  kind: SessionKind,
  heldOn: LocalDate,
  outcome: SessionOutcome,
})
export type SessionOutcomeRecorded = t.TypeOf<typeof SessionOutcomeRecorded>

/** A reminder fell due `daysBefore` days before a session the young person is registered to. */
export const SessionReminderDue = event('SessionReminderDue', {
  sessionId: SessionId,
  heldOn: LocalDate,
  daysBefore: t.number,
})
export type SessionReminderDue = t.TypeOf<typeof SessionReminderDue>

/** The young person attended the follow-up. */
export const FollowUpKept = event('FollowUpKept', {
  followUpId: FollowUpId,
  comment: nullable(Sealed),
})
export type FollowUpKept = t.TypeOf<typeof FollowUpKept>

/** The young person did not come. */
export const FollowUpMissed = event('FollowUpMissed', {
  followUpId: FollowUpId,
})
export type FollowUpMissed = t.TypeOf<typeof FollowUpMissed>

/** The follow-up was cancelled. */
export const FollowUpCancelled = event('FollowUpCancelled', {
  followUpId: FollowUpId,
})
export type FollowUpCancelled = t.TypeOf<typeof FollowUpCancelled>

/** The follow-up's due date passed without it being kept (time-driven; at most once per follow-up). */
export const FollowUpDue = event('FollowUpDue', {
  followUpId: FollowUpId,
  dueOn: LocalDate,
})
export type FollowUpDue = t.TypeOf<typeof FollowUpDue>

/**
 * A situation still in progress when the journey closed, recorded as it stood at exit: the journey
 * no longer follows it (it is not ended: the young person may well stay in it).
 */
export const SituationOngoingAtExit = event('SituationOngoingAtExit', {
  situationId: SituationId,
  kind: SituationKind,
  startedOn: LocalDate,
  durable: t.boolean,
  qualifying: t.boolean,
})
export type SituationOngoingAtExit = t.TypeOf<typeof SituationOngoingAtExit>

/** The journey was closed (sortie). */
export const JourneyClosed = event('JourneyClosed', {
  reason: ExitReason,
  comment: nullable(Sealed),
})
export type JourneyClosed = t.TypeOf<typeof JourneyClosed>

/** A closed journey was reopened (only before the age limit). */
export const JourneyReopened = event('JourneyReopened', {
  counsellorId: CounsellorId,
})
export type JourneyReopened = t.TypeOf<typeof JourneyReopened>

/** The young person's key was erased: every sealed field of the journey is now unreadable. */
export const PersonalDataErased = event('PersonalDataErased', {
  keyId: KeyId,
})
export type PersonalDataErased = t.TypeOf<typeof PersonalDataErased>

/** The young person's identity was corrected: the whole corrected identity, sealed (never in clear). */
export const IdentityRectified = event('IdentityRectified', {
  personalData: Sealed,
})
export type IdentityRectified = t.TypeOf<typeof IdentityRectified>

// ---------------------------------------------------------------------------------------------
// model: the CEJ as a contract of engagement. No amount and no rate category in clear: the
// allowance's basis reveals the household's tax bracket, so it travels sealed.
// ---------------------------------------------------------------------------------------------

/** An activity of the CEJ was declared with its weekly hours, from `startsOn` to `endsOn`. */
export const ActivityDeclared = event('ActivityDeclared', {
  activityId: ActivityId,
  kind: ActivityKind,
  startsOn: LocalDate,
  endsOn: LocalDate,
  hoursPerWeek: t.number,
})
export type ActivityDeclared = t.TypeOf<typeof ActivityDeclared>

/** A counsellor validated a declared activity at these weekly hours (at most the declared ones). */
export const ActivityValidated = event('ActivityValidated', {
  activityId: ActivityId,
  hoursPerWeek: t.number,
})
export type ActivityValidated = t.TypeOf<typeof ActivityValidated>

/** The CEJ allowance was set or reviewed; its basis (household, territory, a minor's majority) is sealed. */
export const CejAllowanceSet = event('CejAllowanceSet', {
  personalData: nullable(Sealed),
})
export type CejAllowanceSet = t.TypeOf<typeof CejAllowanceSet>

/** A breach of the CEJ's commitments was recorded. */
export const CejBreachRecorded = event('CejBreachRecorded', {
  breachId: BreachId,
  kind: BreachKind,
})
export type CejBreachRecorded = t.TypeOf<typeof CejBreachRecorded>

/** The young person was heard about a breach (dated `on`), with this outcome. */
export const CejHearingHeld = event('CejHearingHeld', {
  breachId: BreachId,
  outcome: HearingOutcome,
})
export type CejHearingHeld = t.TypeOf<typeof CejHearingHeld>

/** A sanction was decided for an upheld breach: rung `rank` of the ladder, from `effectiveOn` (a 1st). */
export const CejSanctionDecided = event('CejSanctionDecided', {
  breachId: BreachId,
  rank: t.number,
  sanction: CejSanction,
  effectiveOn: LocalDate,
})
export type CejSanctionDecided = t.TypeOf<typeof CejSanctionDecided>

/** The waiting period before a new CEJ, after a termination for breaches, was shortened to end on `endsOn`. */
export const CejWaitingPeriodShortened = event('CejWaitingPeriodShortened', {
  endsOn: LocalDate,
})
export type CejWaitingPeriodShortened = t.TypeOf<typeof CejWaitingPeriodShortened>

/**
 * Every event of a journey, in the stream `journey-<youthId>`. Each names the young person
 * (`youthId`, pseudonymous), the mission locale that holds the journey (`missionLocaleId`, the
 * tenant) and the business date `on` that decides its reporting month.
 */
export const JourneyEvent = t.union(
  [
    YouthRegistered,
    CounsellorAssigned,
    JourneyTransferred,
    RequestRecorded,
    DiagnosticCompleted,
    ProgrammeEntered,
    ProgrammeExtended,
    ProgrammeExited,
    PaceaPhaseStarted,
    PaceaPhaseEnded,
    ProposalOffered,
    ProposalAccepted,
    ProposalOutcomeRecorded,
    TrainingStarted,
    TrainingEnded,
    EmploymentStarted,
    EmploymentEnded,
    SituationStarted,
    SituationEnded,
    ImmersionRenewed,
    FollowUpScheduled,
    FollowUpRescheduled,
    FollowUpKept,
    FollowUpMissed,
    FollowUpCancelled,
    FollowUpDue,
    FollowUpMarkedUnspecified,
    FollowUpReminderDue,
    SessionPrescribed,
    SessionOutcomeRecorded,
    SessionReminderDue,
    SituationOngoingAtExit,
    JourneyClosed,
    JourneyReopened,
    PersonalDataErased,
    IdentityRectified,

    ActivityDeclared,
    ActivityValidated,
    CejAllowanceSet,
    CejBreachRecorded,
    CejHearingHeld,
    CejSanctionDecided,
    CejWaitingPeriodShortened,
  ],
  'JourneyEvent',
)
export type JourneyEvent = t.TypeOf<typeof JourneyEvent>

/** The `type` strings of every journey event. */
export type JourneyEventType = JourneyEvent['type']
