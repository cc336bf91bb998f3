import { Metadata, status, type ServiceError } from '@grpc/grpc-js'
import { sharedPb, streamsPb, type SharedPb, type StreamsPb } from '../protocol.js'
import type { StoredRecord } from './standInData.js'
import type { WireExpected } from './standInLog.js'

// ---------------------------------------------------------------------------------------------
// utils: between protobuf messages and the stand-in's model. int64 fields travel as decimal strings.
// ---------------------------------------------------------------------------------------------

/** The name inside a StreamIdentifier (UTF-8 bytes on the wire). */
export const streamNameOf = (identifier: SharedPb.StreamIdentifier | undefined): string =>
  identifier === undefined ? '' : Buffer.from(identifier.getStreamName_asU8()).toString('utf8')

/** A StreamIdentifier for a name. */
export const streamIdentifier = (streamName: string): SharedPb.StreamIdentifier =>
  new sharedPb.StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(streamName, 'utf8')))

/** The options of Append, Delete and Tombstone share this oneof. */
interface ExpectedOptions {
  hasAny(): boolean
  hasNoStream(): boolean
  hasStreamExists(): boolean
  getRevision(): string
}

/** The expected revision carried by Append, Delete or Tombstone options. */
export const wireExpected = (options: ExpectedOptions): WireExpected => {
  if (options.hasAny()) return { kind: 'any' }
  if (options.hasNoStream()) return { kind: 'no_stream' }
  if (options.hasStreamExists()) return { kind: 'stream_exists' }
  return { kind: 'revision', revision: BigInt(options.getRevision()) }
}

/** The ReadResp carrying one stored record, as the server sends it for reads and subscriptions. */
export const eventResponse = (record: StoredRecord, uuidAsString: boolean): StreamsPb.ReadResp => {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(record.id, uuidAsString))
    .setStreamIdentifier(streamIdentifier(record.streamName))
    .setStreamRevision(record.revision.toString())
    .setPreparePosition(record.position.toString())
    .setCommitPosition(record.position.toString())
    .setData(record.data)
    .setCustomMetadata(record.customMetadata)
  recorded
    .getMetadataMap()
    .set('type', record.type)
    .set('content-type', record.contentType)
    .set('created', record.created.toString())
  const event = new streamsPb.ReadResp.ReadEvent()
    .setEvent(recorded)
    .setCommitPosition(record.position.toString())
  return new streamsPb.ReadResp().setEvent(event)
}

const uuidMessage = (id: string, asString: boolean): SharedPb.UUID => {
  if (asString) return new sharedPb.UUID().setString(id)
  const bytes = Buffer.from(id.replaceAll('-', ''), 'hex')
  const structured = new sharedPb.UUID.Structured()
    .setMostSignificantBits(bytes.readBigInt64BE(0).toString())
    .setLeastSignificantBits(bytes.readBigInt64BE(8).toString())
  return new sharedPb.UUID().setStructured(structured)
}

/** A gRPC error status with the trailers the server adds (`exception`, `stream-name`, …). */
export const statusError = (
  code: status,
  details: string,
  trailers: Readonly<Record<string, string>>,
): Partial<ServiceError> => {
  const metadata = new Metadata()
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value)
  return { code, details, metadata }
}

/** FAILED_PRECONDITION stream-deleted, as the server answers anything on a tombstoned stream. */
export const streamDeletedError = (streamName: string): Partial<ServiceError> =>
  statusError(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamName,
  })

/** The numeric form of an expectation in wrong-expected-version trailers. */
export const expectedVersionNumber = (expected: WireExpected): bigint => {
  switch (expected.kind) {
    case 'any':
      return -2n
    case 'no_stream':
      return -1n
    case 'stream_exists':
      return -4n
    case 'revision':
      return expected.revision
  }
}
