import { left, right, type Either } from 'fp-ts/lib/Either.js'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import type { CodecError, DecodeFailed, EventCodec, EventMetadata, RecordedEvent } from '@parcours/domain'
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

/** How far a stored row is checked on the way out. */
export interface DecodeOptions {
  /**
   * The row was written by this store, through the codec, and nothing outside the store's
   * control wrote it (a rebuild reading its own file): a row at its type's current schema
   * version is taken as its parsed JSON, without the codec's full validation. A cheap guard still
   * turns a row that is not JSON, of an unknown type or version, or whose data or metadata is not
   * a JSON object into the same `DecodeFailed`; older versions are upcast and validated as usual.
   */
  readonly trusted?: boolean
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The metadata of the last trusted row read, by its JSON: consecutive rows often carry the same
 * document (the events of one command, a stream's tenant), then parsed once. Frozen, as the
 * events that share it do.
 */
let lastMetadata:
  { readonly json: string; readonly schemaVersion: number; readonly metadata: EventMetadata } | undefined

/** The metadata fields of a trusted row, checked for their types only. */
const trustedMetadata = (json: unknown): StoredMetadata | undefined => {
  if (!isRecord(json) || typeof json.schemaVersion !== 'number') return undefined
  for (const field of ['correlationId', 'causationId', 'tenant'] as const)
    if (json[field] !== undefined && typeof json[field] !== 'string') return undefined
  return json as StoredMetadata
}

/**
 * Turns a stored row into a `RecordedEvent`: parses its JSON, reads its metadata, then decodes
 * (upcasting old schema versions) with the codec. Any failure is a `DecodeFailed` naming the
 * stream, revision, position and event type, with the reason and the paths of the bad fields.
 */
export const decodeStoredEvent = <E extends { readonly type: string }>(
  codec: EventCodec<E>,
  stored: StoredEvent,
  options?: DecodeOptions,
): Either<DecodeFailed, RecordedEvent<E>> => {
  const trusted = options?.trusted === true
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
  let metadata: EventMetadata = {}
  const seen = trusted && lastMetadata?.json === stored.metadata ? lastMetadata : undefined
  if (seen !== undefined) {
    schemaVersion = seen.schemaVersion
    metadata = seen.metadata
  } else if (
    stored.metadata !== undefined &&
    (typeof stored.metadata === 'string' ? stored.metadata : stored.metadata.length) !== 0
  ) {
    const json = parseJson(stored.metadata)
    if (json._tag === 'Left') return fail(`metadata is not JSON: ${json.left}`)
    const quick = trusted ? trustedMetadata(json.right) : undefined
    if (quick !== undefined) {
      schemaVersion = quick.schemaVersion
      metadata = Object.freeze(toEventMetadata(quick))
      if (typeof stored.metadata === 'string')
        lastMetadata = { json: stored.metadata, schemaVersion, metadata }
    } else {
      const decoded = StoredMetadata.decode(json.right)
      if (decoded._tag === 'Left') return fail('metadata fails its codec', PathReporter.report(decoded))
      schemaVersion = decoded.right.schemaVersion
      metadata = toEventMetadata(decoded.right)
    }
  }

  const data = parseJson(stored.data)
  if (data._tag === 'Left') return fail(`data is not JSON: ${data.left}`)

  // The store's own row at the current version: its JSON is what the codec encoded (brands only,
  // no transformation), so the event is that JSON with its type.
  // The parsed object is this call's own: it takes its type in place rather than be copied.
  if (trusted && isRecord(data.right) && codec.versions[stored.type] === schemaVersion) {
    data.right.type = stored.type
    return right({
      id: stored.id,
      streamName: stored.streamName,
      revision: stored.revision,
      position: stored.position,
      event: data.right as unknown as E,
      schemaVersion,
      metadata,
      recordedAt: stored.recordedAt,
    })
  }

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
  options?: DecodeOptions,
): Either<DecodeFailed, ReadonlyArray<RecordedEvent<E>>> => {
  const out: Array<RecordedEvent<E>> = []
  for (const row of stored) {
    const decoded = decodeStoredEvent(codec, row, options)
    if (decoded._tag === 'Left') {
      log?.debug({ err: decoded.left }, 'stored event fails to decode')
      return decoded
    }
    out.push(decoded.right)
  }
  return right(out)
}
