import type { EventStoreDBClient } from '@eventstore/db-client'
import type { Logger } from 'pino'
import type {
  EventCodec,
  GlobalPosition,
  SubscribeOptions,
  Subscription,
  SubscriptionMessage,
} from '@parcours/domain'
import { decodeStoredEvent } from '../serialization/index.js'
import { subscriptionOf } from '../subscriptions/subscriptionOf.js'
import { atEvent, isAfter, isMeaningful, portPosition, type AllPosition } from './allPosition.js'
import type { StreamsPb } from './protocol.js'
import { openRead, type ReadCall } from './rawRead.js'
import { subscribeToAllRequest } from './readRequests.js'
import { storedEventOf, streamNameOfRecorded, typeOfRecorded } from './storedEventOf.js'
import { unavailable } from './storeErrors.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** How a dropped subscription comes back: attempts in a row, the first delay (doubling after). */
export interface ResubscribePolicy {
  readonly maxAttempts: number
  readonly baseDelayMs: number
}

/** What a subscription needs from the store that opens it. */
export interface EsdbSubscriptionDeps<E extends { readonly type: string }> {
  readonly client: EventStoreDBClient
  readonly codec: EventCodec<E>
  readonly resubscribe: ResubscribePolicy
  readonly logger: Logger | undefined
  /** The stream prefixes the application owns, when it shares the store (see the store's options). */
  readonly categories?: ReadonlyArray<string> | undefined
}

const DEFAULT_CHECKPOINT_INTERVAL = 32
const MAX_DELAY_FACTOR = 32

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * A subscription to `$all` with the port's semantics. The server filters (our prefixes or types,
 * no system events) and sends checkpoints and caught-up in order with the events. When the
 * connection drops it subscribes again, with backoff, after the last position it has delivered or
 * checkpointed: the server's start is exclusive, so nothing is lost and nothing comes twice.
 * Back-pressure is gRPC's: the client reads the next message only when the consumer asks, the
 * HTTP/2 window fills, and the server waits (read-ahead is bounded by that window, not by
 * `bufferSize`).
 */
export const createEsdbSubscription = <E extends { readonly type: string }>(
  deps: EsdbSubscriptionDeps<E>,
  options: SubscribeOptions,
  onClose: () => void,
): Subscription<E> => {
  const { client, codec, resubscribe, logger, categories } = deps
  const interval = Math.max(1, options.checkpointInterval ?? DEFAULT_CHECKPOINT_INTERVAL)
  const abort = new AbortController()
  let call: ReadCall | undefined
  let finished = false
  const finish = (): void => {
    if (finished) return
    finished = true
    abort.abort()
    call?.cancel()
    onClose()
  }

  async function* messages(): AsyncGenerator<SubscriptionMessage<E>, void, undefined> {
    // `last`: the furthest server position delivered or checkpointed, both parts kept, so a page
    // start (X, 0) resumes before X. `safe`: the furthest position the port may hand out.
    let last: AllPosition | undefined = options.from === 'start' ? undefined : atEvent(options.from)
    let safe: GlobalPosition | undefined = options.from === 'start' ? undefined : options.from
    let lastCheckpoint: GlobalPosition | undefined
    let caughtUp = false
    let failures = 0
    try {
      while (!abort.signal.aborted) {
        let failure: unknown
        try {
          const { request, filter } = subscribeToAllRequest(
            last ?? 'start',
            options.filter,
            interval,
            categories,
          )
          call = await openRead(client, request, 'subscribeToAll')
          // Closed while the call was opening: `finish` could not cancel it, so cancel it here.
          if (abort.signal.aborted) return call.cancel()
          for await (const reply of call as AsyncIterable<StreamsPb.ReadResp>) {
            if (reply.hasConfirmation()) {
              if (failures > 0)
                logger?.info({ from: last?.commit.toString(), attempt: failures }, 'subscription resumed')
              continue
            }
            // Only progress clears past failures: a call confirmed then failing again still counts.
            failures = 0
            if (reply.hasEvent()) {
              const recorded = reply.getEvent()?.getEvent()
              if (recorded === undefined) continue
              const position = atEvent(BigInt(recorded.getCommitPosition()))
              if (!isAfter(position, last)) continue
              last = position
              safe = position.commit
              if (!filter.keep(streamNameOfRecorded(recorded), typeOfRecorded(recorded))) continue
              const decoded = decodeStoredEvent(codec, storedEventOf(recorded))
              if (decoded._tag === 'Left') {
                logger?.debug({ err: decoded.left }, 'stored event fails to decode')
                yield { _tag: 'Failed', error: decoded.left }
                return
              }
              yield { _tag: 'Event', event: decoded.right }
            } else if (reply.hasCheckpoint()) {
              const checkpoint = reply.getCheckpoint()
              const server: AllPosition = {
                commit: BigInt(checkpoint?.getCommitPosition() ?? '0'),
                prepare: BigInt(checkpoint?.getPreparePosition() ?? '0'),
              }
              if (!isMeaningful(server)) {
                logger?.warn({ commit: server.commit.toString() }, 'ignored a checkpoint at 2^64-1 (KDB-710)')
                continue
              }
              // Never behind what was already delivered: a consumer may store it as its resume point.
              if (!isAfter(server, last)) continue
              last = server
              safe = portPosition(server) ?? safe
              if (safe !== undefined && (lastCheckpoint === undefined || safe > lastCheckpoint)) {
                lastCheckpoint = safe
                yield { _tag: 'Checkpoint', position: safe }
              }
            } else if (reply.hasCaughtUp() && !caughtUp) {
              caughtUp = true
              yield { _tag: 'CaughtUp', position: safe }
            }
          }
          failure = new Error('the server ended the subscription')
        } catch (error) {
          failure = error
        }
        if (abort.signal.aborted) return
        failures += 1
        if (failures > resubscribe.maxAttempts) {
          logger?.error({ err: failure, attempts: failures - 1 }, 'subscription dropped for good')
          yield { _tag: 'Failed', error: unavailable(failure) }
          return
        }
        const delay = resubscribe.baseDelayMs * Math.min(2 ** (failures - 1), MAX_DELAY_FACTOR)
        logger?.warn(
          { err: failure, attempt: failures, delayMs: delay, from: last?.commit.toString() },
          'subscription dropped, resubscribing',
        )
        await sleep(delay, abort.signal)
      }
    } finally {
      finish()
    }
  }

  return subscriptionOf(messages(), finish)
}
