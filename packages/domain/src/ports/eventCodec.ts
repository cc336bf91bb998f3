import type { Either } from 'fp-ts/lib/Either.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** An event as a store holds it: its type, the schema version it was written with, JSON data. */
export interface EncodedEvent {
  readonly type: string
  readonly schemaVersion: number
  readonly data: unknown
}

/** Why an event could not be encoded or decoded. */
export type CodecError =
  | { readonly _tag: 'UnknownEventType'; readonly type: string }
  | {
      readonly _tag: 'UnsupportedSchemaVersion'
      readonly type: string
      readonly schemaVersion: number
      readonly current: number
    }
  | {
      readonly _tag: 'InvalidPayload'
      readonly type: string
      readonly schemaVersion: number
      readonly paths: ReadonlyArray<string>
    }

/**
 * How a store turns events into JSON and back. `encode` validates (a payload that fails its codec
 * is never written); `decode` upcasts old schema versions to the current one, then validates.
 */
export interface EventCodec<E extends { readonly type: string }> {
  /** The event types this codec knows, with their current schema version. */
  readonly versions: Readonly<Record<string, number>>
  /** Validates an event and gives its JSON with its type and current schema version. */
  readonly encode: (event: E) => Either<CodecError, EncodedEvent>
  /** Upcasts a stored event to the current schema version, then validates it. */
  readonly decode: (encoded: EncodedEvent) => Either<CodecError, E>
}
