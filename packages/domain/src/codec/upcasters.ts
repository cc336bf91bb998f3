// ---------------------------------------------------------------------------------------------
// Upcasters: each turns the data of one schema version into the next. Total on unknown input:
// what does not look like the old shape passes through, and validation reports it afterwards.
// ---------------------------------------------------------------------------------------------

import { ageBandOf } from '../model/ageLimits.js'

/** Turns the data of version n into version n + 1. */
export type Upcaster = (data: unknown) => unknown

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** YouthRegistered 1 → 2: version 1 had no RQTH age limit; it equalled the general one. */
const youthRegisteredV1toV2: Upcaster = (data) =>
  isRecord(data) && data['cejAgeLimitOn'] === undefined
    ? { ...data, cejAgeLimitOn: data['ageLimitOn'] }
    : data

/**
 * YouthRegistered 2 → 3: version 2 held the age limits and the age in clear. The limits move to
 * `legacyAgeLimits`, which only lives in memory (the time rules still work on a store not yet
 * migrated); the age becomes its band. `parcours migrate` rewrites such events sealed.
 */
const youthRegisteredV2toV3: Upcaster = (data) => {
  if (!isRecord(data) || typeof data['ageAtRegistration'] !== 'number') return data
  const { ageAtRegistration, ageLimitOn, cejAgeLimitOn, ...rest } = data
  return {
    ...rest,
    ageBand: ageBandOf(ageAtRegistration),
    sealedAgeLimits: null,
    legacyAgeLimits: { ageLimitOn, cejAgeLimitOn },
  }
}

// Version 1 named how a follow-up took place (`channel`); version 2 names the appointment's kind
// in i-milo's vocabulary. An e-mail was a remote contact: it becomes a phone or video call.
const kindOfChannel: Readonly<Record<string, string>> = {
  interview: 'individual-interview',
  phone: 'phone-or-video-call',
  email: 'phone-or-video-call',
  workshop: 'workshop',
}

/** FollowUpScheduled 1 → 2: `channel` (interview, phone, email, workshop) becomes `kind`. */
const followUpScheduledV1toV2: Upcaster = (data) => {
  if (!isRecord(data) || data['kind'] !== undefined || typeof data['channel'] !== 'string') return data
  const { channel, ...rest } = data
  return { ...rest, kind: kindOfChannel[channel] ?? channel }
}

/** A field that version n did not have, null in version n + 1 (a link nothing made before). */
const addedAsNull =
  (field: string): Upcaster =>
  (data) =>
    isRecord(data) && data[field] === undefined ? { ...data, [field]: null } : data

/** For each event type, the upcaster from each old version (key) to the next. */
export const upcasters: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = {
  YouthRegistered: { 1: youthRegisteredV1toV2, 2: youthRegisteredV2toV3 },
  FollowUpScheduled: { 1: followUpScheduledV1toV2 },
  // ProposalOffered and TrainingStarted 1 → 2: the link to a training action and session.
  // ProposalOffered 2 → 3: the link to a partner's job offer.
  ProposalOffered: { 1: addedAsNull('training'), 2: addedAsNull('partnerOffer') },
  TrainingStarted: { 1: addedAsNull('training') },
}
