import { isLeft, left, right } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { reportErrors } from '../codec/reportErrors.js'
import type { EventCodec } from '../ports/eventCodec.js'
import { OutreachEvent } from './outreachEvents.js'

// The outreach events' EventCodec: every type at schema version 1, validated both ways; the
// stored data is the event without its `type`.

const codecs = new Map<string, t.Mixed>(OutreachEvent.types.map((c) => [c.name, t.exact(c)]))

/** The current schema version of every outreach event type. */
export const outreachEventVersions: Readonly<Record<OutreachEvent['type'], number>> = Object.fromEntries(
  OutreachEvent.types.map((c) => [c.name, 1]),
) as Record<OutreachEvent['type'], number>

/** Encodes and decodes outreach case events. */
export const outreachEventCodec: EventCodec<OutreachEvent> = {
  versions: outreachEventVersions,
  encode: (event) => {
    const type: string = event.type
    const codec = codecs.get(type)
    if (codec === undefined) return left({ _tag: 'UnknownEventType', type })
    const valid = codec.decode(event)
    if (isLeft(valid))
      return left({ _tag: 'InvalidPayload', type, schemaVersion: 1, paths: reportErrors(valid.left) })
    const { type: _type, ...data } = codec.encode(valid.right) as Record<string, unknown>
    return right({ type, schemaVersion: 1, data })
  },
  decode: ({ type, schemaVersion, data }) => {
    const codec = codecs.get(type)
    if (codec === undefined) return left({ _tag: 'UnknownEventType', type })
    if (schemaVersion !== 1)
      return left({ _tag: 'UnsupportedSchemaVersion', type, schemaVersion, current: 1 })
    const candidate =
      typeof data === 'object' && data !== null && !Array.isArray(data) ? { ...data, type } : data
    const decoded = codec.decode(candidate)
    if (isLeft(decoded))
      return left({ _tag: 'InvalidPayload', type, schemaVersion, paths: reportErrors(decoded.left) })
    return right(decoded.right as OutreachEvent)
  },
}
