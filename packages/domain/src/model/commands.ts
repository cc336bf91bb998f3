import * as t from 'io-ts'
import { AgeLimits } from './ageLimits.js'
import { ActivityKind, AllowanceBasis, BreachKind, HearingOutcome } from './cejVocabulary.js'
import {
  ActivityId,
  BreachId,
  CounsellorId,
  FollowUpId,
  MissionLocaleId,
  PhaseId,
  ProposalId,
  RequestId,
  SessionId,
  SituationId,
  PartnerOfferRef,
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
  RecordableProposalOutcome,
  SessionKind,
  SessionRefuser,
  Theme,
  TrainingResult,
} from './vocabulary.js'

// ---------------------------------------------------------------------------------------------
// model: the commands a counsellor (or the clock, through ApplyTimeRules) sends to a journey.
// Each names the young person, the mission locale acting, and `on`: the date it takes effect,
// which is the domain's only notion of "now".
// ---------------------------------------------------------------------------------------------

// `ageLimits` is what the shell opened from the journey's sealed registration: the time rules
// need it. A command without it is refused on a registered journey (AgeLimitsUnknown), except an
// erasure and what a closed journey refuses anyway.
const command = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.intersection(
    [
      t.type({
        type: t.literal(type),
        youthId: YouthId,
        missionLocaleId: MissionLocaleId,
        on: LocalDate,
        ...props,
      }),
      t.partial({ ageLimits: AgeLimits }),
    ],
    type,
  )

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null])

/**
 * Register a young person. The birth date and RQTH status are used to check eligibility and derive
 * the age limits; they are not stored in clear. `personalData` is the identity already sealed,
 * `sealedAgeLimits` the `ageLimitsOf(birthDate, rqth, policy)` the shell sealed.
 */
export const RegisterYouth = t.intersection(
  [
    command('RegisterYouth', {
      counsellorId: CounsellorId,
      birthDate: LocalDate,
      rqth: t.boolean,
      personalData: nullable(Sealed),
    }),
    // The journey command handler seals the limits and fills this in: give it only to seal them yourself.
    t.partial({ sealedAgeLimits: nullable(Sealed) }),
  ],
  'RegisterYouth',
)
export type RegisterYouth = t.TypeOf<typeof RegisterYouth>

/** Assign another counsellor in the same mission locale. */
export const AssignCounsellor = command('AssignCounsellor', { counsellorId: CounsellorId })
export type AssignCounsellor = t.TypeOf<typeof AssignCounsellor>

/** Transfer the journey to another mission locale (sent by the mission locale that holds it). */
export const TransferJourney = command('TransferJourney', {
  toMissionLocaleId: MissionLocaleId,
  counsellorId: CounsellorId,
})
export type TransferJourney = t.TypeOf<typeof TransferJourney>

/** Record what the young person asks for. */
export const RecordRequest = command('RecordRequest', {
  requestId: RequestId,
  theme: Theme,
  comment: nullable(Sealed),
})
export type RecordRequest = t.TypeOf<typeof RecordRequest>

/** Complete the diagnostic. */
export const CompleteDiagnostic = command('CompleteDiagnostic', { comment: nullable(Sealed) })
export type CompleteDiagnostic = t.TypeOf<typeof CompleteDiagnostic>

/** Enter PACEA or CEJ until a planned end. */
export const EnterProgramme = command('EnterProgramme', { programme: Programme, plannedEndOn: LocalDate })
export type EnterProgramme = t.TypeOf<typeof EnterProgramme>

/** Extend the open programme to a new planned end. */
export const ExtendProgramme = command('ExtendProgramme', { plannedEndOn: LocalDate })
export type ExtendProgramme = t.TypeOf<typeof ExtendProgramme>

/** End the open programme. */
export const ExitProgramme = command('ExitProgramme', { reason: ProgrammeExitReason })
export type ExitProgramme = t.TypeOf<typeof ExitProgramme>

/** Start a phase of the open PACEA, ending by the PACEA's planned end at the latest. */
export const StartPaceaPhase = command('StartPaceaPhase', { phaseId: PhaseId, plannedEndOn: LocalDate })
export type StartPaceaPhase = t.TypeOf<typeof StartPaceaPhase>

/** End the running phase of the PACEA. */
export const EndPaceaPhase = command('EndPaceaPhase', { phaseId: PhaseId })
export type EndPaceaPhase = t.TypeOf<typeof EndPaceaPhase>

/** Offer a proposal with a respond-by date. */
export const OfferProposal = t.intersection(
  [
    command('OfferProposal', { proposalId: ProposalId, theme: Theme, respondBy: LocalDate }),
    /**
     * The catalogue's training action and session offered (a training or apprenticeship
     * proposal), or the partner's job offer (an employment or apprenticeship proposal).
     */
    t.partial({ training: TrainingRef, partnerOffer: PartnerOfferRef }),
  ],
  'OfferProposal',
)
export type OfferProposal = t.TypeOf<typeof OfferProposal>

/** The young person accepted the proposal. */
export const AcceptProposal = command('AcceptProposal', { proposalId: ProposalId })
export type AcceptProposal = t.TypeOf<typeof AcceptProposal>

/** Record the one outcome of a proposal (`closed-without-follow-up` is the closure's, not a counsellor's). */
export const RecordProposalOutcome = command('RecordProposalOutcome', {
  proposalId: ProposalId,
  outcome: RecordableProposalOutcome,
})
export type RecordProposalOutcome = t.TypeOf<typeof RecordProposalOutcome>

/** Start a training, from a training proposal (accepted or carried out) or not. */
export const StartTraining = t.intersection(
  [
    command('StartTraining', {
      trainingId: SituationId,
      proposalId: nullable(ProposalId),
      qualifying: t.boolean,
      plannedEndOn: nullable(LocalDate),
    }),
    /** The catalogue's training action and session entered. */
    t.partial({ training: TrainingRef }),
  ],
  'StartTraining',
)
export type StartTraining = t.TypeOf<typeof StartTraining>

/** End a training. */
export const EndTraining = command('EndTraining', { trainingId: SituationId, result: TrainingResult })
export type EndTraining = t.TypeOf<typeof EndTraining>

/** Start an employment; `durationMonths` is required for a CDD. */
export const StartEmployment = command('StartEmployment', {
  employmentId: SituationId,
  proposalId: nullable(ProposalId),
  contract: ContractType,
  durationMonths: nullable(t.number),
})
export type StartEmployment = t.TypeOf<typeof StartEmployment>

/** End an employment. */
export const EndEmployment = command('EndEmployment', { employmentId: SituationId })
export type EndEmployment = t.TypeOf<typeof EndEmployment>

/** Start an immersion (PMSMP, 1 month at most), a volunteering or a schooling. */
export const StartSituation = command('StartSituation', {
  situationId: SituationId,
  kind: OtherSituationKind,
  plannedEndOn: LocalDate,
})
export type StartSituation = t.TypeOf<typeof StartSituation>

/** End an immersion, a volunteering or a schooling. */
export const EndSituation = command('EndSituation', { situationId: SituationId })
export type EndSituation = t.TypeOf<typeof EndSituation>

/** Renew an immersion once, 1 month at most beyond its current planned end. */
export const RenewImmersion = command('RenewImmersion', { situationId: SituationId, plannedEndOn: LocalDate })
export type RenewImmersion = t.TypeOf<typeof RenewImmersion>

/** Plan an appointment (follow-up) of a kind for a date. */
export const ScheduleFollowUp = command('ScheduleFollowUp', {
  followUpId: FollowUpId,
  dueOn: LocalDate,
  kind: AppointmentKind,
})
export type ScheduleFollowUp = t.TypeOf<typeof ScheduleFollowUp>

/** Move a follow-up to a new due date. */
export const RescheduleFollowUp = command('RescheduleFollowUp', { followUpId: FollowUpId, dueOn: LocalDate })
export type RescheduleFollowUp = t.TypeOf<typeof RescheduleFollowUp>

/** The young person attended the follow-up. */
export const KeepFollowUp = command('KeepFollowUp', { followUpId: FollowUpId, comment: nullable(Sealed) })
export type KeepFollowUp = t.TypeOf<typeof KeepFollowUp>

/** The young person missed the follow-up. */
export const MissFollowUp = command('MissFollowUp', { followUpId: FollowUpId })
export type MissFollowUp = t.TypeOf<typeof MissFollowUp>

/** Record that whether the young person came to a past appointment is not known (*Non précisé*). */
export const MarkFollowUpUnspecified = command('MarkFollowUpUnspecified', { followUpId: FollowUpId })
export type MarkFollowUpUnspecified = t.TypeOf<typeof MarkFollowUpUnspecified>

/**
 * Register (prescribe) the young person to a collective session. The session lives outside the
 * journey: the shell passes its capacity and how many registrations it already holds.
 */
export const PrescribeSession = command('PrescribeSession', {
  sessionId: SessionId,
  kind: SessionKind,
  heldOn: LocalDate,
  capacity: t.number,
  registrations: t.number,
})
export type PrescribeSession = t.TypeOf<typeof PrescribeSession>

/** The young person, or a third party (the organiser, an employer), refused the session before it was held. */
export const RefuseSession = command('RefuseSession', { sessionId: SessionId, by: SessionRefuser })
export type RefuseSession = t.TypeOf<typeof RefuseSession>

/** Attendance taken after the session: present → carried out; absent → refused by the young person. */
export const RecordSessionAttendance = command('RecordSessionAttendance', {
  sessionId: SessionId,
  present: t.boolean,
})
export type RecordSessionAttendance = t.TypeOf<typeof RecordSessionAttendance>

/** Cancel a follow-up. */
export const CancelFollowUp = command('CancelFollowUp', { followUpId: FollowUpId })
export type CancelFollowUp = t.TypeOf<typeof CancelFollowUp>

/** Close the journey; the reason `other` needs a comment. */
export const CloseJourney = command('CloseJourney', { reason: ExitReason, comment: nullable(Sealed) })
export type CloseJourney = t.TypeOf<typeof CloseJourney>

/** Reopen a closed journey (only before the age limit). */
export const ReopenJourney = command('ReopenJourney', { counsellorId: CounsellorId })
export type ReopenJourney = t.TypeOf<typeof ReopenJourney>

/** Apply the time-driven rules as of `on`: overdue follow-ups, expired proposals, age limit, programme term. */
export const ApplyTimeRules = command('ApplyTimeRules', {})
export type ApplyTimeRules = t.TypeOf<typeof ApplyTimeRules>

/** Record that the young person's key was erased (crypto-shredding happens at the edge). */
export const ErasePersonalData = command('ErasePersonalData', {})
export type ErasePersonalData = t.TypeOf<typeof ErasePersonalData>

/**
 * Correct the young person's identity (art. 16 GDPR): `personalData` is the whole corrected
 * identity, sealed with their key like the registration's. Nothing else about the journey changes.
 */
export const RectifyIdentity = command('RectifyIdentity', { personalData: nullable(Sealed) })
export type RectifyIdentity = t.TypeOf<typeof RectifyIdentity>

// ---------------------------------------------------------------------------------------------
// model: the CEJ as a contract of engagement — activity hours, the allowance, breaches, sanctions
// ---------------------------------------------------------------------------------------------

/** Declare an activity of the open CEJ with its weekly hours (an immersion, a training, another activity). */
export const DeclareActivity = command('DeclareActivity', {
  activityId: ActivityId,
  kind: ActivityKind,
  startsOn: LocalDate,
  endsOn: LocalDate,
  hoursPerWeek: t.number,
})
export type DeclareActivity = t.TypeOf<typeof DeclareActivity>

/** A counsellor validates a declared activity, at its declared weekly hours or fewer. */
export const ValidateActivity = command('ValidateActivity', {
  activityId: ActivityId,
  hoursPerWeek: t.number,
})
export type ValidateActivity = t.TypeOf<typeof ValidateActivity>

/**
 * Set (or review, when the situation changes) the CEJ allowance. `household` is what the shell
 * opened or was given, for the rules only; `personalData` is the same basis sealed, the only form
 * the journey records. `rsa` and `primeActivite`: whether the young person receives them (the
 * allowance is not combined with either).
 */
export const SetCejAllowance = command('SetCejAllowance', {
  household: AllowanceBasis,
  rsa: t.boolean,
  primeActivite: t.boolean,
  personalData: nullable(Sealed),
})
export type SetCejAllowance = t.TypeOf<typeof SetCejAllowance>

/** Record a breach of the CEJ's commitments. */
export const RecordCejBreach = command('RecordCejBreach', { breachId: BreachId, kind: BreachKind })
export type RecordCejBreach = t.TypeOf<typeof RecordCejBreach>

/** Record the hearing of the young person about a breach, and its outcome. */
export const RecordCejHearing = command('RecordCejHearing', { breachId: BreachId, outcome: HearingOutcome })
export type RecordCejHearing = t.TypeOf<typeof RecordCejHearing>

/** Decide the sanction of an upheld breach: the next rung of the ladder, from the 1st of the next month. */
export const DecideCejSanction = command('DecideCejSanction', { breachId: BreachId })
export type DecideCejSanction = t.TypeOf<typeof DecideCejSanction>

/** Shorten the waiting period before a new CEJ after a termination for breaches (a decision). */
export const ShortenCejWaitingPeriod = command('ShortenCejWaitingPeriod', { endsOn: LocalDate })
export type ShortenCejWaitingPeriod = t.TypeOf<typeof ShortenCejWaitingPeriod>

/** Every command a journey accepts. */
export const JourneyCommand = t.union(
  [
    RegisterYouth,
    AssignCounsellor,
    TransferJourney,
    RecordRequest,
    CompleteDiagnostic,
    EnterProgramme,
    ExtendProgramme,
    ExitProgramme,
    StartPaceaPhase,
    EndPaceaPhase,
    OfferProposal,
    AcceptProposal,
    RecordProposalOutcome,
    StartTraining,
    EndTraining,
    StartEmployment,
    EndEmployment,
    StartSituation,
    EndSituation,
    RenewImmersion,
    ScheduleFollowUp,
    RescheduleFollowUp,
    KeepFollowUp,
    MissFollowUp,
    CancelFollowUp,
    MarkFollowUpUnspecified,
    PrescribeSession,
    RefuseSession,
    RecordSessionAttendance,
    CloseJourney,
    ReopenJourney,
    ApplyTimeRules,
    ErasePersonalData,
    RectifyIdentity,

    DeclareActivity,
    ValidateActivity,
    SetCejAllowance,
    RecordCejBreach,
    RecordCejHearing,
    DecideCejSanction,
    ShortenCejWaitingPeriod,
  ],
  'JourneyCommand',
)
export type JourneyCommand = t.TypeOf<typeof JourneyCommand>
/** The type of a journey command (`'RegisterYouth'`, `'KeepFollowUp'`…). */
export type JourneyCommandType = JourneyCommand['type']
