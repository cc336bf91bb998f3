// ---------------------------------------------------------------------------------------------
// Upcasters: each turns the data of one schema version into the next. Total on unknown input:
// what does not look like the old shape passes through, and validation reports it afterwards.
// ---------------------------------------------------------------------------------------------

import { ageBandOf } from '../model/ageLimits.js'

/** Turns the data of version n into version n + 1. */
export type Upcaster = (data: unknown) => unknown

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

// YouthRegistered 1 → 2 (described in journeyEventUpcasters, as are the steps below).
const youthRegisteredV1toV2: Upcaster = (data) =>
  isRecord(data) && data['cejAgeLimitOn'] === undefined
    ? { ...data, cejAgeLimitOn: data['ageLimitOn'] }
    : data

// YouthRegistered 2 → 3.
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

// An e-mail was a remote contact: it becomes a phone or video call.
const kindOfChannel: Readonly<Record<string, string>> = {
  interview: 'individual-interview',
  phone: 'phone-or-video-call',
  email: 'phone-or-video-call',
  workshop: 'workshop',
}

// FollowUpScheduled 1 → 2.
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

/** One step of an event type's schema history: what it changes, and the function that does it. */
export interface SchemaStep {
  /** What the step does to version n's data, in a sentence (the event catalogue prints it). */
  readonly description: string
  /** Turns version n's data into version n + 1's. */
  readonly upcast: Upcaster
}

/** For each journey event type that has evolved, the step from each old version (key) to the next. */
export const journeyEventUpcasters: Readonly<Record<string, Readonly<Record<number, SchemaStep>>>> = {
  YouthRegistered: {
    1: {
      description:
        'Version 1 had no RQTH age limit (`cejAgeLimitOn`): it is set to the general one (`ageLimitOn`), which it equalled.',
      upcast: youthRegisteredV1toV2,
    },
    2: {
      description:
        'Version 2 held the age limits and the age in clear. The age becomes its band (`ageBand`); the limits move to ' +
        '`legacyAgeLimits`, which only lives in memory so that the time rules still work on a store not yet migrated, ' +
        'and `sealedAgeLimits` is null. `parcours migrate` rewrites such events with the limits sealed.',
      upcast: youthRegisteredV2toV3,
    },
  },
  FollowUpScheduled: {
    1: {
      description:
        "Version 1 named how the follow-up took place (`channel`); version 2 names the appointment's `kind` in " +
        "i-milo's vocabulary: interview → individual-interview, phone and email → phone-or-video-call, workshop → workshop.",
      upcast: followUpScheduledV1toV2,
    },
  },
  ProposalOffered: {
    1: {
      description:
        'Adds the link to a training action and session, `training`: null (nothing made it before).',
      upcast: addedAsNull('training'),
    },
    2: {
      description: "Adds the link to a partner's job offer, `partnerOffer`: null (nothing made it before).",
      upcast: addedAsNull('partnerOffer'),
    },
  },
  TrainingStarted: {
    1: {
      description:
        'Adds the link to a training action and session, `training`: null (nothing made it before).',
      upcast: addedAsNull('training'),
    },
  },
}
