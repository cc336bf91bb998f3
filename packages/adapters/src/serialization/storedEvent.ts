import type { GlobalPosition, StreamRevision } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model: the store-agnostic shape of an event on its way into and out of a store.
// ---------------------------------------------------------------------------------------------

/** An event ready to be written: validated by its codec, turned into JSON text. */
export interface SerializedEvent {
  readonly id: string
  readonly type: string
  readonly schemaVersion: number
  /** The codec's encoded payload, as JSON text. */
  readonly data: string
  /** Store metadata (schema version, correlation, causation, tenant), as JSON text. */
  readonly metadata: string
}

/** A row as a store holds it, before anything trusts it. */
export interface StoredEvent {
  readonly id: string
  readonly streamName: string
  readonly revision: StreamRevision
  readonly position: GlobalPosition
  readonly type: string
  readonly data: string | Uint8Array
  /** Absent when another writer stored none. */
  readonly metadata: string | Uint8Array | undefined
  readonly recordedAt: string
}
