import * as t from 'io-ts'

// ---------------------------------------------------------------------------------------------
// model: the closed vocabularies of the journey (DOMAIN.md)
// ---------------------------------------------------------------------------------------------

const keys = <K extends string>(values: readonly K[], name: string) =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as Record<K, null>, name)

/** Contractual programmes (dispositifs). */
export const programmes = ['PACEA', 'CEJ'] as const
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
export const Theme = keys(themes, 'Theme')
export type Theme = t.TypeOf<typeof Theme>

/** The one outcome every proposal ends with. */
export const proposalOutcomes = [
  'carried-out',
  'refused-by-youth',
  'refused-by-third-party',
  'expired',
] as const
export const ProposalOutcome = keys(proposalOutcomes, 'ProposalOutcome')
export type ProposalOutcome = t.TypeOf<typeof ProposalOutcome>

/** How a training ended. */
export const trainingResults = ['completed', 'abandoned'] as const
export const TrainingResult = keys(trainingResults, 'TrainingResult')
export type TrainingResult = t.TypeOf<typeof TrainingResult>

/** Employment contract types. */
export const contractTypes = ['CDI', 'CDD', 'temporary', 'apprenticeship', 'subsidised'] as const
export const ContractType = keys(contractTypes, 'ContractType')
export type ContractType = t.TypeOf<typeof ContractType>

/** Situations besides training and employment: immersion (PMSMP), volunteering, schooling. */
export const otherSituationKinds = ['immersion', 'volunteering', 'schooling'] as const
export const OtherSituationKind = keys(otherSituationKinds, 'OtherSituationKind')
export type OtherSituationKind = t.TypeOf<typeof OtherSituationKind>

/** How a follow-up takes place. */
export const followUpChannels = ['interview', 'phone', 'email', 'workshop'] as const
export const FollowUpChannel = keys(followUpChannels, 'FollowUpChannel')
export type FollowUpChannel = t.TypeOf<typeof FollowUpChannel>

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
export const ExitReason = keys(exitReasons, 'ExitReason')
export type ExitReason = t.TypeOf<typeof ExitReason>

/** Exit reasons that count as a positive exit (durable employment or qualifying training). */
export const positiveExitReasons: ReadonlyArray<ExitReason> = ['durable-employment', 'qualifying-training']
