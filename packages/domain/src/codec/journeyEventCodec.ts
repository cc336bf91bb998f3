import { isLeft, left, right } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { JourneyEvent } from '../model/events.js'
import type { EventCodec } from '../ports/eventCodec.js'
import { reportErrors } from './reportErrors.js'
import { journeyEventUpcasters } from './upcasters.js'

// ---------------------------------------------------------------------------------------------
// The journey's EventCodec: validated on the way in, upcast then validated on the way out.
// The stored data is the event without its `type`, which the store keeps beside it.
// ---------------------------------------------------------------------------------------------

const codecs = new Map<string, t.Mixed>(JourneyEvent.types.map((c) => [c.name, t.exact(c)]))

/** The current schema version of every journey event type (1 unless it has evolved). */
export const journeyEventVersions: Readonly<Record<JourneyEvent['type'], number>> = Object.fromEntries(
  JourneyEvent.types.map((c) => [c.name, 1 + Object.keys(journeyEventUpcasters[c.name] ?? {}).length]),
) as Record<JourneyEvent['type'], number>

const versionOf = (type: string): number =>
  (journeyEventVersions as Readonly<Record<string, number>>)[type] ?? 1

const withoutType = (value: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> => {
  const { type: _type, ...data } = value
  return data
}

const upcast = (type: string, from: number, to: number, data: unknown): unknown => {
  let current = data
  for (let v = from; v < to; v++) {
    const step = journeyEventUpcasters[type]?.[v]
    if (step !== undefined) current = step.upcast(current)
  }
  return current
}

/** Encodes and decodes journey events with their schema versions. */
export const journeyEventCodec: EventCodec<JourneyEvent> = {
  versions: journeyEventVersions,
  encode: (event) => {
    const type: string = event.type
    const codec = codecs.get(type)
    if (codec === undefined) return left({ _tag: 'UnknownEventType', type })
    const schemaVersion = versionOf(type)
    // Clear age limits are only ever read from an old store: nothing writes them again.
    if ('legacyAgeLimits' in event)
      return left({
        _tag: 'InvalidPayload',
        type,
        schemaVersion,
        paths: ['legacyAgeLimits: read from a store not yet migrated, never written'],
      })
    const valid = codec.decode(event)
    if (isLeft(valid))
      return left({ _tag: 'InvalidPayload', type, schemaVersion, paths: reportErrors(valid.left) })
    return right({
      type,
      schemaVersion,
      data: withoutType(codec.encode(valid.right) as Record<string, unknown>),
    })
  },
  decode: ({ type, schemaVersion, data }) => {
    const codec = codecs.get(type)
    if (codec === undefined) return left({ _tag: 'UnknownEventType', type })
    const current = versionOf(type)
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current)
      return left({ _tag: 'UnsupportedSchemaVersion', type, schemaVersion, current })
    const upcast_ = upcast(type, schemaVersion, current, data)
    const candidate =
      typeof upcast_ === 'object' && upcast_ !== null && !Array.isArray(upcast_)
        ? { ...upcast_, type }
        : upcast_
    const decoded = codec.decode(candidate)
    if (isLeft(decoded))
      return left({ _tag: 'InvalidPayload', type, schemaVersion, paths: reportErrors(decoded.left) })
    return right(decoded.right as JourneyEvent)
  },
}
