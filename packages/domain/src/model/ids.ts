import * as t from 'io-ts'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** A token used as an identifier: 1–100 characters, no whitespace. Pseudonymous, never a name. */
const isIdToken = (s: string): boolean => s.length > 0 && s.length <= 100 && !/\s/.test(s)

const idCodec = <B extends string>(name: B) =>
  t.brand(t.string, (s): s is t.Branded<string, { readonly [K in B]: symbol }> => isIdToken(s), name)

/** Id of a training action or session in the training catalogue: its LHEO `numero`. */
export const TrainingOfferId = idCodec('TrainingOfferId')
export type TrainingOfferId = t.TypeOf<typeof TrainingOfferId>

/** A training action and one of its sessions, as the catalogue (LHEO) numbers them. */
export const TrainingRef = t.type({ actionId: TrainingOfferId, sessionId: TrainingOfferId }, 'TrainingRef')
export type TrainingRef = t.TypeOf<typeof TrainingRef>

/** Id of a job offer as its partner numbers it (France Travail's offer `id`). */
export const PartnerOfferId = idCodec('PartnerOfferId')
export type PartnerOfferId = t.TypeOf<typeof PartnerOfferId>

/** The partners whose job offers a proposal can carry. */
export const OfferPartner = t.literal('france-travail')
export type OfferPartner = t.TypeOf<typeof OfferPartner>

/** A partner's job offer, as the partner numbers it (the offer catalogue keys on it). */
export const PartnerOfferRef = t.type({ partner: OfferPartner, offerId: PartnerOfferId }, 'PartnerOfferRef')
export type PartnerOfferRef = t.TypeOf<typeof PartnerOfferRef>

/** Pseudonymous id of a young person's journey (the stream is named after it). */
export const YouthId = idCodec('YouthId')
export type YouthId = t.TypeOf<typeof YouthId>

/** Id of a mission locale: the tenant every event belongs to. */
export const MissionLocaleId = idCodec('MissionLocaleId')
export type MissionLocaleId = t.TypeOf<typeof MissionLocaleId>

/** Id of a counsellor (conseiller référent). */
export const CounsellorId = idCodec('CounsellorId')
export type CounsellorId = t.TypeOf<typeof CounsellorId>

/** Id of a proposal, unique within a journey. */
export const ProposalId = idCodec('ProposalId')
export type ProposalId = t.TypeOf<typeof ProposalId>

/** Id of a follow-up (rendez-vous), unique within a journey. */
export const FollowUpId = idCodec('FollowUpId')
export type FollowUpId = t.TypeOf<typeof FollowUpId>

/** Id of a collective session (workshop, information session) of a mission locale. */
export const SessionId = idCodec('SessionId')
export type SessionId = t.TypeOf<typeof SessionId>

/** Id of a training or employment situation, unique within a journey. */
export const SituationId = idCodec('SituationId')
export type SituationId = t.TypeOf<typeof SituationId>

/** Id of a PACEA phase, unique within a journey. */
export const PhaseId = idCodec('PhaseId')
export type PhaseId = t.TypeOf<typeof PhaseId>

/** Id of a request recorded for a young person. */
export const RequestId = idCodec('RequestId')
export type RequestId = t.TypeOf<typeof RequestId>

/** Id of an activity a CEJ young person declared (an immersion, a training, another activity). */
export const ActivityId = idCodec('ActivityId')
export type ActivityId = t.TypeOf<typeof ActivityId>

/** Id of a breach of the CEJ's commitments, unique within a journey. */
export const BreachId = idCodec('BreachId')
export type BreachId = t.TypeOf<typeof BreachId>

/** Id of a command: event ids are derived from it, so a re-sent command is idempotent. */
export const CommandId = idCodec('CommandId')
export type CommandId = t.TypeOf<typeof CommandId>

/** Id of a personal-data encryption key in the vault's key store. */
export const KeyId = idCodec('KeyId')
export type KeyId = t.TypeOf<typeof KeyId>
