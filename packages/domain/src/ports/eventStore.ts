import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { CodecError } from './eventCodec.js'

// ---------------------------------------------------------------------------------------------
// model: the EventStore port. Every store (memory, SQLite, EventStoreDB) has these semantics.
// Calls return a TaskEither: `const r = await store.append(...)()`, then `if (isLeft(r))`.
// ---------------------------------------------------------------------------------------------

/** A stream's revision: the first event of a stream is revision 0n. */
export type StreamRevision = bigint

/** A position in the global log. Positions rise with every append but need not be consecutive. */
export type GlobalPosition = bigint

/**
 * What the writer expects of the stream: that it does not exist (`no-stream`), that it does
 * (`exists`), nothing (`any`), or that its last event is at exactly this revision.
 */
export type ExpectedRevision = 'no-stream' | 'exists' | 'any' | StreamRevision

/** The actual state of a stream when an expectation fails. */
export type ActualRevision = 'no-stream' | StreamRevision

/** Metadata stored beside each event. `tenant` is the mission locale. */
export interface EventMetadata {
  readonly correlationId?: string
  readonly causationId?: string
  readonly tenant?: string
}

/** An event to append, with its id (a UUID; derive it from the command id to make retries idempotent). */
export interface EventToAppend<E> {
  readonly id: string
  readonly event: E
  readonly metadata?: EventMetadata
}

/** An event read back from a store, decoded and upcast to the current schema version. */
export interface RecordedEvent<E> {
  readonly id: string
  readonly streamName: string
  readonly revision: StreamRevision
  readonly position: GlobalPosition
  readonly event: E
  /** The schema version the event was written with (before upcasting). */
  readonly schemaVersion: number
  readonly metadata: EventMetadata
  /** When the store recorded it, ISO 8601 (store clock; business dates live in the event). */
  readonly recordedAt: string
}

/** What a successful append returns. */
export interface AppendResult {
  /** The revision of the stream's last event: pass it as the next expected revision. */
  readonly nextExpectedRevision: StreamRevision
  /** The global position of the last event appended. */
  readonly position: GlobalPosition
}

// ---------------------------------------------------------------------------------------------
// errors
// ---------------------------------------------------------------------------------------------

/** The stream was not at the expected revision. */
export interface WrongExpectedRevision {
  readonly _tag: 'WrongExpectedRevision'
  readonly streamName: string
  readonly expected: ExpectedRevision
  readonly actual: ActualRevision
}

/** The stream was deleted (tombstoned) and accepts nothing. */
export interface StreamDeleted {
  readonly _tag: 'StreamDeleted'
  readonly streamName: string
}

/** An event to append failed its codec: nothing was written. */
export interface InvalidEvent {
  readonly _tag: 'InvalidEvent'
  readonly streamName: string
  readonly index: number
  readonly error: CodecError
}

/** A stored event could not be decoded: bad JSON, unknown type, or a payload failing its codec. */
export interface DecodeFailed {
  readonly _tag: 'DecodeFailed'
  readonly streamName: string
  readonly revision: StreamRevision
  readonly position: GlobalPosition
  readonly eventType: string
  readonly reason: string
  readonly paths: ReadonlyArray<string>
}

/** The store could not be reached or failed; nothing is known to have been written. */
export interface StoreUnavailable {
  readonly _tag: 'StoreUnavailable'
  readonly message: string
  readonly cause?: unknown
}

/** The events of one append are larger than the store accepts in one append: nothing was written. */
export interface AppendTooLarge {
  readonly _tag: 'AppendTooLarge'
  readonly streamName: string
  /** The size of the batch as the store counts it (type, data and metadata of each event), in bytes. */
  readonly size: number
  /** The store's limit, in bytes. */
  readonly maxSize: number
}

/** Every error a store returns. */
export type StoreError =
  WrongExpectedRevision | StreamDeleted | InvalidEvent | DecodeFailed | StoreUnavailable | AppendTooLarge

// ---------------------------------------------------------------------------------------------
// reads and subscriptions
// ---------------------------------------------------------------------------------------------

/** Which way a read goes: from the first event on, or from the last back. */
export type Direction = 'forwards' | 'backwards'

/** Reading one stream. A stream that does not exist reads as empty. */
export interface ReadStreamOptions {
  readonly direction?: Direction
  /** Inclusive in both directions; defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: StreamRevision
  readonly maxCount?: number
}

/** Which events of the global log to see. System events of a store are never delivered. */
export interface GlobalFilter {
  /** Only streams whose name starts with one of these prefixes. */
  readonly streamPrefixes?: ReadonlyArray<string>
  /** Only these event types. */
  readonly eventTypes?: ReadonlyArray<string>
}

/** Reading the global log. */
export interface ReadAllOptions {
  readonly direction?: Direction
  /** Forwards: events at or after it; backwards: events strictly before it. Defaults to start / end. */
  readonly fromPosition?: GlobalPosition
  readonly maxCount?: number
  readonly filter?: GlobalFilter
}

/** Subscribing to the global log. */
export interface SubscribeOptions {
  /** Exclusive: deliver events strictly after this checkpoint. `start` delivers everything. */
  readonly from: 'start' | GlobalPosition
  readonly filter?: GlobalFilter
  /** A `Checkpoint` message after this many events scanned (matching the filter or not). Default 32. */
  readonly checkpointInterval?: number
  /** Events buffered ahead of the consumer before the store stops reading (back-pressure). Default 256. */
  readonly bufferSize?: number
}

/** What a subscription delivers, in order. */
export type SubscriptionMessage<E> =
  | { readonly _tag: 'Event'; readonly event: RecordedEvent<E> }
  /** Catch-up is over: everything stored when it ended has been delivered; live events follow. */
  | { readonly _tag: 'CaughtUp'; readonly position: GlobalPosition | undefined }
  /** Every event up to this position has been scanned: a safe place to resume from. */
  | { readonly _tag: 'Checkpoint'; readonly position: GlobalPosition }
  /** The subscription failed (a corrupt event, the store gone); this is its last message. */
  | { readonly _tag: 'Failed'; readonly error: StoreError }

/**
 * A live subscription: iterate it with `for await`; the store reads ahead no more than the
 * buffer allows, so a slow consumer slows the reading, not the memory. `close()` ends it.
 */
export interface Subscription<E> extends AsyncIterable<SubscriptionMessage<E>> {
  /** Ends the subscription: the iteration stops after the message in hand. */
  readonly close: () => Promise<void>
}

// ---------------------------------------------------------------------------------------------
// the port
// ---------------------------------------------------------------------------------------------

/**
 * An event store.
 *
 * Idempotence: when every event id of a batch is already stored in the stream, consecutively and
 * in the same order, the append writes nothing and succeeds with the revision and position of the
 * last of them — for `no-stream` and exact expectations when they sit right after the expected
 * revision, and for `any` and `exists` wherever they sit.
 */
export interface EventStore<E extends { readonly type: string }> {
  /**
   * Appends events atomically: all are written or none. An empty batch only checks the expectation
   * and returns the current revision (-1n for a stream that does not exist).
   */
  readonly append: (
    streamName: string,
    expected: ExpectedRevision,
    events: ReadonlyArray<EventToAppend<E>>,
  ) => TaskEither<StoreError, AppendResult>
  /** A stream's events, forwards or backwards from a revision, at most `maxCount` of them. */
  readonly readStream: (
    streamName: string,
    options?: ReadStreamOptions,
  ) => TaskEither<StoreError, ReadonlyArray<RecordedEvent<E>>>
  /** The global log of every stream from a position, filtered by stream prefix or event types. */
  readonly readAll: (options?: ReadAllOptions) => TaskEither<StoreError, ReadonlyArray<RecordedEvent<E>>>
  /** Follows the global log from a checkpoint (exclusive): catch-up, then live, until closed. */
  readonly subscribe: (options: SubscribeOptions) => Subscription<E>
  /** Releases connections and ends every open subscription. */
  readonly close: () => Promise<void>
}
