import type { StoredEvent } from '../serialization/index.js'
import type { StreamsPb } from './protocol.js'
import { uuidOf } from './uuid.js'

// ---------------------------------------------------------------------------------------------
// utils: a recorded event as the server sends it, as the store-agnostic row our decoder reads.
// The raw bytes are kept (the client's own conversion would hide malformed JSON).
// ---------------------------------------------------------------------------------------------

const TICKS_PER_MS = 10_000n

const recordedAtOf = (created: string | undefined): string => {
  try {
    return new Date(Number(BigInt(created ?? '0') / TICKS_PER_MS)).toISOString()
  } catch {
    return new Date(0).toISOString()
  }
}

/** The stream name of a recorded event. */
export const streamNameOfRecorded = (recorded: StreamsPb.ReadResp.ReadEvent.RecordedEvent): string =>
  Buffer.from(recorded.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8')

/** The event type of a recorded event. */
export const typeOfRecorded = (recorded: StreamsPb.ReadResp.ReadEvent.RecordedEvent): string =>
  recorded.getMetadataMap().get('type') ?? ''

/** The row our decoder reads, from a recorded event. */
export const storedEventOf = (recorded: StreamsPb.ReadResp.ReadEvent.RecordedEvent): StoredEvent => {
  const metadata = recorded.getCustomMetadata_asU8()
  return {
    id: uuidOf(recorded.getId()),
    streamName: streamNameOfRecorded(recorded),
    revision: BigInt(recorded.getStreamRevision()),
    position: BigInt(recorded.getCommitPosition()),
    type: typeOfRecorded(recorded),
    data: recorded.getData_asU8(),
    metadata: metadata.length === 0 ? undefined : metadata,
    recordedAt: recordedAtOf(recorded.getMetadataMap().get('created')),
  }
}
