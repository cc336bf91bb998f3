import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { EventCodec, EventToAppend, InvalidEvent } from '@parcours/domain'
import type { SerializedEvent } from './storedEvent.js'
import { storedMetadataJson } from './storedMetadata.js'

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/**
 * Validates and serializes a batch with the codec. The first event that fails its codec makes the
 * whole batch an `InvalidEvent`, so a store that calls this before writing writes nothing.
 */
export const encodeEvents = <E extends { readonly type: string }>(
  codec: EventCodec<E>,
  streamName: string,
  events: ReadonlyArray<EventToAppend<E>>,
): Either<InvalidEvent, ReadonlyArray<SerializedEvent>> => {
  const out: Array<SerializedEvent> = []
  for (const [index, toAppend] of events.entries()) {
    const encoded = codec.encode(toAppend.event)
    if (encoded._tag === 'Left') return left({ _tag: 'InvalidEvent', streamName, index, error: encoded.left })
    const { type, schemaVersion, data } = encoded.right
    out.push({
      id: toAppend.id,
      type,
      schemaVersion,
      data: JSON.stringify(data),
      metadata: storedMetadataJson(schemaVersion, toAppend.metadata),
    })
  }
  return right(out)
}
