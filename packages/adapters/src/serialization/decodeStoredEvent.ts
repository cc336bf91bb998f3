import { left, right, type Either } from 'fp-ts/lib/Either.js'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import type { CodecError, DecodeFailed, EventCodec, RecordedEvent } from '@parcours/domain'
import type { StoredEvent } from './storedEvent.js'
import { StoredMetadata, toEventMetadata } from './storedMetadata.js'

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/** Events written without metadata (by another tool) are taken as the first schema version. */
const DEFAULT_SCHEMA_VERSION = 1

const decoder = new TextDecoder('utf-8', { fatal: true })

const parseJson = (raw: string | Uint8Array): Either<string, unknown> => {
  try {
    return right(JSON.parse(typeof raw === 'string' ? raw : decoder.decode(raw)) as unknown)
  } catch (e) {
    return left(e instanceof Error ? e.message : String(e))
  }
}

const codecReason = (error: CodecError): string => {
  switch (error._tag) {
    case 'UnknownEventType':
      return `unknown event type ${error.type}`
    case 'UnsupportedSchemaVersion':
      return `unsupported schema version ${error.schemaVersion} of ${error.type} (current ${error.current})`
    case 'InvalidPayload':
      return `payload of ${error.type} v${error.schemaVersion} fails its codec`
  }
}

/**
 * Turns a stored row into a `RecordedEvent`: parses its JSON, reads its metadata, then decodes
 * (upcasting old schema versions) with the codec. Any failure is a `DecodeFailed` naming the
 * stream, revision, position and event type, with the reason and the paths of the bad fields.
 */
export const decodeStoredEvent = <E extends { readonly type: string }>(
  codec: EventCodec<E>,
  stored: StoredEvent,
): Either<DecodeFailed, RecordedEvent<E>> => {
  const fail = (reason: string, paths: ReadonlyArray<string> = []): Either<DecodeFailed, never> =>
    left({
      _tag: 'DecodeFailed',
      streamName: stored.streamName,
      revision: stored.revision,
      position: stored.position,
      eventType: stored.type,
      reason,
      paths,
    })

  let schemaVersion = DEFAULT_SCHEMA_VERSION
  let metadata = {}
  if (
    stored.metadata !== undefined &&
    (typeof stored.metadata === 'string' ? stored.metadata : stored.metadata.length) !== 0
  ) {
    const json = parseJson(stored.metadata)
    if (json._tag === 'Left') return fail(`metadata is not JSON: ${json.left}`)
    const decoded = StoredMetadata.decode(json.right)
    if (decoded._tag === 'Left') return fail('metadata fails its codec', PathReporter.report(decoded))
    schemaVersion = decoded.right.schemaVersion
    metadata = toEventMetadata(decoded.right)
  }

  const data = parseJson(stored.data)
  if (data._tag === 'Left') return fail(`data is not JSON: ${data.left}`)

  const event = codec.decode({ type: stored.type, schemaVersion, data: data.right })
  if (event._tag === 'Left') {
    return fail(codecReason(event.left), event.left._tag === 'InvalidPayload' ? event.left.paths : [])
  }
  return right({
    id: stored.id,
    streamName: stored.streamName,
    revision: stored.revision,
    position: stored.position,
    event: event.right,
    schemaVersion,
    metadata,
    recordedAt: stored.recordedAt,
  })
}

/** Decodes stored rows in order, stopping at the first that fails (logged, then returned). */
export const decodeStoredEvents = <E extends { readonly type: string }>(
  codec: EventCodec<E>,
  stored: Iterable<StoredEvent>,
  log?: { readonly debug: (obj: object, msg: string) => void },
): Either<DecodeFailed, ReadonlyArray<RecordedEvent<E>>> => {
  const out: Array<RecordedEvent<E>> = []
  for (const row of stored) {
    const decoded = decodeStoredEvent(codec, row)
    if (decoded._tag === 'Left') {
      log?.debug({ err: decoded.left }, 'stored event fails to decode')
      return decoded
    }
    out.push(decoded.right)
  }
  return right(out)
}
