// ---------------------------------------------------------------------------------------------
// Upcasters: each turns the data of one schema version into the next. Total on unknown input:
// what does not look like the old shape passes through, and validation reports it afterwards.
// ---------------------------------------------------------------------------------------------

/** Turns the data of version n into version n + 1. */
export type Upcaster = (data: unknown) => unknown

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** YouthRegistered 1 → 2: version 1 had no RQTH age limit; it equalled the general one. */
const youthRegisteredV1toV2: Upcaster = (data) =>
  isRecord(data) && data['cejAgeLimitOn'] === undefined
    ? { ...data, cejAgeLimitOn: data['ageLimitOn'] }
    : data

/** For each event type, the upcaster from each old version (key) to the next. */
export const upcasters: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = {
  YouthRegistered: { 1: youthRegisteredV1toV2 },
}
