import type { Either } from 'fp-ts/lib/Either.js'
import type {
  DecodeFailed,
  EventCodec,
  GlobalPosition,
  RecordedEvent,
  StoreError,
  SubscribeOptions,
  Subscription,
  SubscriptionMessage,
} from '@parcours/domain'
import { decodeStoredEvent, type StoredEvent } from '../serialization/index.js'
import { matchesFilter } from './globalFilter.js'
import { subscriptionOf } from './subscriptionOf.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** What a subscription needs to know of a row before it decodes it. */
export interface LogRow {
  readonly position: GlobalPosition
  readonly streamName: string
  readonly type: string
}

/** Turns a row of the log into the event it holds, or says why it cannot. */
export type RowDecoder<E, R extends LogRow> = (row: R) => Either<DecodeFailed, RecordedEvent<E>>

/** The decoder of rows stored as JSON text: parsed, then decoded with the codec. */
export const storedEventDecoder =
  <E extends { readonly type: string }>(codec: EventCodec<E>): RowDecoder<E, StoredEvent> =>
  (row) =>
    decodeStoredEvent(codec, row)

/** How a subscription reads a store's global log. */
export interface LogReader<R extends LogRow = StoredEvent> {
  /** At most `limit` rows strictly after `after` (everything when undefined), in log order. */
  readonly readAfter: (
    after: GlobalPosition | undefined,
    limit: number,
  ) => Either<StoreError, ReadonlyArray<R>>
  /**
   * Resolves when rows may have been appended after the last read, or as soon as `signal` aborts.
   * It must start listening before it returns, so that no append between the read and it is lost.
   */
  readonly waitForAppend: (signal: AbortSignal) => Promise<void>
}

const DEFAULT_CHECKPOINT_INTERVAL = 32
const DEFAULT_BUFFER_SIZE = 256

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * A subscription to a global log with the port's semantics: exclusive start, catch-up, a
 * checkpoint then `CaughtUp`, live tail, a `Checkpoint` every `checkpointInterval` rows scanned,
 * `Failed` as the last message on error. It reads one page of at most `bufferSize` rows only
 * when the consumer has taken the previous one: a slow consumer holds the store back, never the
 * memory.
 */
export const createLogSubscription = <E extends { readonly type: string }, R extends LogRow>(
  decode: RowDecoder<E, R>,
  reader: LogReader<R>,
  options: SubscribeOptions,
  onClose: () => void = () => undefined,
): Subscription<E> => {
  const interval = Math.max(1, options.checkpointInterval ?? DEFAULT_CHECKPOINT_INTERVAL)
  const pageSize = Math.max(1, options.bufferSize ?? DEFAULT_BUFFER_SIZE)
  const abort = new AbortController()
  let finished = false
  const finish = () => {
    if (finished) return
    finished = true
    abort.abort()
    onClose()
  }

  async function* messages(): AsyncGenerator<SubscriptionMessage<E>, void, undefined> {
    let cursor: GlobalPosition | undefined = options.from === 'start' ? undefined : options.from
    let lastCheckpoint: GlobalPosition | undefined = undefined
    let scanned = 0
    let caughtUp = false
    try {
      while (!abort.signal.aborted) {
        const page = reader.readAfter(cursor, pageSize)
        if (page._tag === 'Left') {
          yield { _tag: 'Failed', error: page.left }
          return
        }
        if (page.right.length === 0) {
          if (!caughtUp) {
            caughtUp = true
            if (cursor !== undefined && cursor !== lastCheckpoint)
              yield { _tag: 'Checkpoint', position: cursor }
            lastCheckpoint = cursor
            scanned = 0
            yield { _tag: 'CaughtUp', position: cursor }
            // Appends made while the consumer held these messages sent no wake-up: read again first.
            continue
          }
          // Nothing lies between the empty read and the wait, so no append can slip through unseen.
          await reader.waitForAppend(abort.signal)
          continue
        }
        for (const row of page.right) {
          if (abort.signal.aborted) return
          cursor = row.position
          if (matchesFilter(options.filter, row.streamName, row.type)) {
            const decoded = decode(row)
            if (decoded._tag === 'Left') {
              yield { _tag: 'Failed', error: decoded.left }
              return
            }
            yield { _tag: 'Event', event: decoded.right }
          }
          scanned += 1
          if (scanned >= interval) {
            scanned = 0
            lastCheckpoint = cursor
            yield { _tag: 'Checkpoint', position: cursor }
          }
        }
      }
    } finally {
      finish()
    }
  }

  return subscriptionOf(messages(), finish)
}
