import type { DecodeFailed, StoreError } from '@parcours/domain'
import type { SinkFailed } from '../sink/projectionSink.js'

// ---------------------------------------------------------------------------------------------
// model: what a projection runner reports.
// ---------------------------------------------------------------------------------------------

/** A stored event could not be decoded and the runner was told to stop on it. */
export interface ProjectionDecodeFailed {
  readonly _tag: 'ProjectionDecodeFailed'
  readonly streamName: string
  readonly revision: bigint
  readonly position: bigint
  readonly message: string
  readonly error: DecodeFailed
}

/** The subscription ended with a store error other than a decode failure. */
export interface SubscriptionFailed {
  readonly _tag: 'SubscriptionFailed'
  readonly message: string
  readonly error: StoreError
}

/** A projection threw while applying an event (a bug in the projection). */
export interface ProjectionFailed {
  readonly _tag: 'ProjectionFailed'
  readonly projection: string
  readonly streamName: string
  readonly revision: bigint
  readonly message: string
}

/** `catchUp`, `follow` or `rebuild` was called while the runner was already running. */
export interface RunnerBusy {
  readonly _tag: 'RunnerBusy'
  readonly message: string
}

/**
 * The stored checkpoint lies past the end of the store's log: the store was wiped, replaced or
 * restored from an older backup since the read models were built. Resuming would skip every event
 * written since up to the checkpoint, so the runner stops (or rebuilds, with `onStoreReplaced`).
 */
export interface StoreReplaced {
  readonly _tag: 'StoreReplaced'
  readonly runner: string
  readonly checkpoint: bigint
  /** The position of the store's last event, or undefined when it holds none. */
  readonly logEnd: bigint | undefined
  readonly message: string
}

/** Every error a runner returns. */
export type ProjectionRunError =
  ProjectionDecodeFailed | SubscriptionFailed | ProjectionFailed | SinkFailed | RunnerBusy | StoreReplaced

/** Progress after each batch; `lag` is how far the checkpoint is behind the log's head, in global positions. */
export interface RunProgress {
  readonly runner: string
  readonly events: number
  readonly batches: number
  readonly checkpoint: bigint | undefined
  readonly headPosition: bigint | undefined
  readonly lag: number
  readonly caughtUp: boolean
}

/** What a finished run did. */
export interface RunStats {
  readonly runner: string
  /** Events the run applied (parked events not included). */
  readonly events: number
  readonly batches: number
  readonly parked: number
  readonly lag: number
  readonly durationMs: number
  readonly checkpoint: bigint | undefined
  /** Whether the run rebuilt the read models from zero (asked, or a projection's version changed). */
  readonly rebuilt: boolean
}
