import * as t from 'io-ts'

// ---------------------------------------------------------------------------------------------
// model: the closed vocabularies of the journey (docs/domain.md)
// ---------------------------------------------------------------------------------------------

const keys = <K extends string>(values: readonly K[], name: string) =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as Record<K, null>, name)

/** Contractual programmes (dispositifs). */
export const programmes = ['PACEA', 'CEJ'] as const
/** The codec of `Programme`: one of `programmes`. */
export const Programme = keys(programmes, 'Programme')
export type Programme = t.TypeOf<typeof Programme>

/** Why a programme ended. */
export const programmeExitReasons = [
  'completed',
  'autonomy',
  'age-limit',
  'youth-request',
  'breach',
  'term-reached',
  'journey-closed',
] as const
/** The codec of `ProgrammeExitReason`: one of `programmeExitReasons`. */
export const ProgrammeExitReason = keys(programmeExitReasons, 'ProgrammeExitReason')
export type ProgrammeExitReason = t.TypeOf<typeof ProgrammeExitReason>

/** Themes of proposals and requests. */
export const themes = [
  'employment',
  'training',
  'apprenticeship',
  'immersion',
  'internship',
  'health',
  'housing',
  'citizenship',
  'culture-sport-leisure',
  'career-plan',
] as const
/** The codec of `Theme`: one of `themes`. */
export const Theme = keys(themes, 'Theme')
export type Theme = t.TypeOf<typeof Theme>

/** The one outcome every proposal ends with. */
export const proposalOutcomes = [
  'carried-out',
  'refused-by-youth',
  'refused-by-third-party',
  'expired',
  'closed-without-follow-up',
] as const
/** The codec of `ProposalOutcome`: one of `proposalOutcomes`. */
export const ProposalOutcome = keys(proposalOutcomes, 'ProposalOutcome')
export type ProposalOutcome = t.TypeOf<typeof ProposalOutcome>

/** How a training ended. */
export const trainingResults = ['completed', 'abandoned'] as const
/** The codec of `TrainingResult`: one of `trainingResults`. */
export const TrainingResult = keys(trainingResults, 'TrainingResult')
export type TrainingResult = t.TypeOf<typeof TrainingResult>

/** Employment contract types. */
export const contractTypes = ['CDI', 'CDD', 'temporary', 'apprenticeship', 'subsidised'] as const
/** The codec of `ContractType`: one of `contractTypes`. */
export const ContractType = keys(contractTypes, 'ContractType')
export type ContractType = t.TypeOf<typeof ContractType>

/** Situations besides training and employment: immersion (PMSMP), volunteering, schooling. */
export const otherSituationKinds = ['immersion', 'volunteering', 'schooling'] as const
/** The codec of `OtherSituationKind`: one of `otherSituationKinds`. */
export const OtherSituationKind = keys(otherSituationKinds, 'OtherSituationKind')
export type OtherSituationKind = t.TypeOf<typeof OtherSituationKind>

/** The outcomes a counsellor records; the others come from the clock (`expired`) or the closure. */
export const recordableProposalOutcomes = [
  'carried-out',
  'refused-by-youth',
  'refused-by-third-party',
  'expired',
] as const satisfies ReadonlyArray<ProposalOutcome>
/** The codec of `RecordableProposalOutcome`: one of `recordableProposalOutcomes`. */
export const RecordableProposalOutcome = keys(recordableProposalOutcomes, 'RecordableProposalOutcome')
export type RecordableProposalOutcome = t.TypeOf<typeof RecordableProposalOutcome>

/** Kinds of appointment (i-milo's *rendez-vous*); DARES counts the individual interviews. */
export const appointmentKinds = [
  'individual-interview',
  'phone-or-video-call',
  'workshop',
  'information-session',
] as const
/** The codec of `AppointmentKind`: one of `appointmentKinds`. */
export const AppointmentKind = keys(appointmentKinds, 'AppointmentKind')
export type AppointmentKind = t.TypeOf<typeof AppointmentKind>

/** Kinds of collective session (i-milo's *sessions*). */
export const sessionKinds = ['workshop', 'information-session'] as const
/** The codec of `SessionKind`: one of `sessionKinds`. */
export const SessionKind = keys(sessionKinds, 'SessionKind')
export type SessionKind = t.TypeOf<typeof SessionKind>

/**
 * How a registration to a collective session ended: carried out (present), refused by the young
 * person (absent counts as such), refused by a third party, or left open when the journey closed.
 */
export const sessionOutcomes = [
  'carried-out',
  'refused-by-youth',
  'refused-by-third-party',
  'closed-without-follow-up',
] as const
/** The codec of `SessionOutcome`: one of `sessionOutcomes`. */
export const SessionOutcome = keys(sessionOutcomes, 'SessionOutcome')
export type SessionOutcome = t.TypeOf<typeof SessionOutcome>

/** Who refused a session registration before it was held. */
export const sessionRefusers = ['youth', 'third-party'] as const
/** The codec of `SessionRefuser`: one of `sessionRefusers`. */
export const SessionRefuser = keys(sessionRefusers, 'SessionRefuser')
export type SessionRefuser = t.TypeOf<typeof SessionRefuser>

/** Situation kinds as the journey tracks them (training, employment and the others). */
export const situationKinds = ['training', 'employment', 'immersion', 'volunteering', 'schooling'] as const
/** The codec of `SituationKind`: one of `situationKinds`. */
export const SituationKind = keys(situationKinds, 'SituationKind')
export type SituationKind = t.TypeOf<typeof SituationKind>

/** Why a journey was closed (sortie). */
export const exitReasons = [
  'durable-employment',
  'other-employment',
  'qualifying-training',
  'age-limit',
  'moved-away',
  'lost-contact',
  'youth-request',
  'other',
] as const
/** The codec of `ExitReason`: one of `exitReasons`. */
export const ExitReason = keys(exitReasons, 'ExitReason')
export type ExitReason = t.TypeOf<typeof ExitReason>

/** Exit reasons that count as a positive exit (durable employment or qualifying training). */
export const positiveExitReasons: ReadonlyArray<ExitReason> = ['durable-employment', 'qualifying-training']
