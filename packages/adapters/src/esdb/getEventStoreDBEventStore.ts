import {
  EventStoreDBClient,
  NotLeaderError,
  UnavailableError,
  type AppendExpectedRevision,
  type EventData,
} from '@eventstore/db-client'
import { flatten, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import type {
  AppendResult,
  DecodeFailed,
  EventCodec,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreError,
  Subscription,
} from '@parcours/domain'
import { actualRevision, expectationHolds } from '../appendRules/index.js'
import { tryDriver } from '../interop/index.js'
import { readLimit } from '../readRules/index.js'
import { decodeStoredEvent, encodeEvents, type SerializedEvent } from '../serialization/index.js'
import { createEsdbSubscription, type ResubscribePolicy } from './esdbSubscription.js'
import { toClientExpected } from './expectedRevision.js'
import type { StreamsPb } from './protocol.js'
import { clientShapeError } from './rawRead.js'
import { readReplies } from './readReplies.js'
import { readAllRequest, readStreamRequest } from './readRequests.js'
import { storedEventOf, streamNameOfRecorded, typeOfRecorded } from './storedEventOf.js'
import { toStoreError, unavailable } from './storeErrors.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Options of the EventStoreDB store: a connection string (`esdb://…`, `esdb+discover://…`) or a client. */
export interface EventStoreDBEventStoreOptions<E extends { readonly type: string }> {
  readonly connectionString?: string
  /** A client you manage; `close()` then leaves it open. */
  readonly client?: EventStoreDBClient
  readonly codec: EventCodec<E>
  readonly logger?: Logger
  /** How a dropped subscription comes back. Default: 20 attempts from 100 ms, doubling up to 3.2 s. */
  readonly resubscribe?: ResubscribePolicy
  /**
   * The stream-name prefixes this application owns (e.g. `['journey-']`), for a store shared with
   * other applications: `readAll` and `subscribe` then only ever see streams under them, whatever
   * filter they are given, and other streams' events are never decoded. Default: every stream
   * except the server's own (`$` types and `$$` metadata).
   */
  readonly categories?: ReadonlyArray<string>
}

const DEFAULT_RESUBSCRIBE: ResubscribePolicy = { maxAttempts: 20, baseDelayMs: 100 }

type Recorded<E> = Either<StoreError, ReadonlyArray<RecordedEvent<E>>>

const toEventData = (event: SerializedEvent): EventData =>
  ({
    id: event.id,
    type: event.type,
    contentType: 'application/json',
    data: JSON.parse(event.data) as unknown,
    // A plain Uint8Array goes to custom_metadata as it is; the client would re-serialize anything else.
    metadata: new TextEncoder().encode(event.metadata),
  }) as EventData

/** An append's size as the server counts it against its maximum: type, data and metadata of each event. */
const appendSizeOf = (events: ReadonlyArray<SerializedEvent>): number =>
  events.reduce(
    (sum, e) =>
      sum +
      Buffer.byteLength(e.type, 'utf8') +
      Buffer.byteLength(e.data, 'utf8') +
      Buffer.byteLength(e.metadata, 'utf8'),
    0,
  )

const connect = (
  options: Pick<EventStoreDBEventStoreOptions<{ readonly type: string }>, 'connectionString' | 'client'>,
): Either<StoreError, EventStoreDBClient> => {
  if (options.client !== undefined) {
    const shape = clientShapeError(options.client)
    return shape === undefined ? right(options.client) : left({ _tag: 'StoreUnavailable', message: shape })
  }
  if (options.connectionString === undefined) {
    return left({
      _tag: 'StoreUnavailable',
      message: 'EventStoreDB: give a connection string (esdb://host:2113?tls=false) or a client',
    })
  }
  const connectionString = options.connectionString
  return flatten(
    tryDriver((): Either<StoreError, EventStoreDBClient> => {
      const client = EventStoreDBClient.connectionString(connectionString)
      const shape = clientShapeError(client)
      return shape === undefined ? right(client) : left({ _tag: 'StoreUnavailable', message: shape })
    }, unavailable),
  )
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * The EventStore port on EventStoreDB, with the semantics of every other store: JSON events with
 * our metadata (schema version, correlation, causation, tenant) in custom metadata, the port's
 * expectations mapped to the server's, its errors to ours, `$all` filtered on the server, and
 * subscriptions that survive a dropped connection.
 *
 * @example
 * import { journeyEventCodec } from '@parcours/domain'
 * import { getEventStoreDBEventStore } from '@parcours/adapters'
 *
 * const store = getEventStoreDBEventStore({
 *   connectionString: 'esdb://127.0.0.1:2113?tls=false',
 *   codec: journeyEventCodec,
 *   categories: ['journey-'], // on a server shared with other applications: only these streams
 * })
 * const firstEvents = await store.readAll({ maxCount: 10 })()
 * await store.close()
 */
export const getEventStoreDBEventStore = <E extends { readonly type: string }>(
  options: EventStoreDBEventStoreOptions<E>,
): EventStore<E> => {
  const { codec } = options
  const logger = options.logger?.child({ module: 'eventStoreDBEventStore' })
  const connected = connect(options)
  const ownsClient = options.client === undefined
  const subscriptions = new Set<Subscription<E>>()
  let closed = false
  const closedError: StoreError = { _tag: 'StoreUnavailable', message: 'the EventStoreDB store is closed' }
  if (connected._tag === 'Left') logger?.debug({ err: connected.left }, 'cannot connect to EventStoreDB')

  /** Runs an operation on the client, or answers why there is none. */
  const withClient = async <A>(
    run: (client: EventStoreDBClient) => Promise<Either<StoreError, A>>,
  ): Promise<Either<StoreError, A>> => {
    if (closed) return left(closedError)
    if (connected._tag === 'Left') return connected
    return run(connected.right)
  }

  /** The stream's last revision and position, checked against an expectation (empty batches). */
  const checkExpectation = async (
    client: EventStoreDBClient,
    streamName: string,
    expected: ExpectedRevision,
  ): Promise<Either<StoreError, AppendResult>> => {
    let current = -1n
    let position = -1n
    try {
      for await (const reply of readReplies(
        client,
        readStreamRequest(streamName, { direction: 'backwards', maxCount: 1 }),
        'readStream',
      )) {
        const recorded = reply.getEvent()?.getEvent()
        if (recorded === undefined) continue
        current = BigInt(recorded.getStreamRevision())
        position = BigInt(recorded.getCommitPosition())
      }
    } catch (error) {
      return left(toStoreError(error, streamName))
    }
    return expectationHolds(expected, current)
      ? right({ nextExpectedRevision: current, position })
      : left({ _tag: 'WrongExpectedRevision', streamName, expected, actual: actualRevision(current) })
  }

  /**
   * Appends, going once more after the client was sent elsewhere: a follower's `not-leader` (the
   * client has switched to the leader it named) or UNAVAILABLE from a node that left the leader
   * role (the client rediscovers the cluster). The event ids make the second attempt safe: if the
   * first was written, the server answers with its result and writes nothing.
   */
  const appendOnce = async (
    client: EventStoreDBClient,
    streamName: string,
    events: ReadonlyArray<EventData>,
    expected: AppendExpectedRevision,
  ) => {
    try {
      return await client.appendToStream(streamName, [...events], { expectedRevision: expected })
    } catch (error) {
      if (error instanceof NotLeaderError || error instanceof UnavailableError) {
        logger?.debug({ streamName, err: error }, 'append sent to another node')
        return client.appendToStream(streamName, [...events], { expectedRevision: expected })
      }
      throw error
    }
  }

  const append: EventStore<E>['append'] = (streamName, expected, events) => () =>
    withClient(async (client) => {
      const encoded = encodeEvents(codec, streamName, events)
      if (encoded._tag === 'Left') return encoded
      const wire = toClientExpected(expected)
      if (encoded.right.length === 0 || wire === undefined)
        return checkExpectation(client, streamName, expected)
      try {
        const result = await appendOnce(client, streamName, encoded.right.map(toEventData), wire)
        if (!result.success) {
          return left({
            _tag: 'WrongExpectedRevision',
            streamName,
            expected,
            actual: actualRevision(result.nextExpectedRevision),
          })
        }
        return right({
          nextExpectedRevision: result.nextExpectedRevision,
          position: result.position?.commit ?? -1n,
        })
      } catch (error) {
        const storeError = toStoreError(error, streamName, expected, appendSizeOf(encoded.right))
        logger?.debug({ streamName, expected: String(expected), err: storeError }, 'append refused')
        return left(storeError)
      }
    })

  /** Decodes a recorded event into `out`; the failure, if it does not decode. */
  const decodeInto = (
    out: Array<RecordedEvent<E>>,
    recorded: StreamsPb.ReadResp.ReadEvent.RecordedEvent,
  ): DecodeFailed | undefined => {
    const decoded = decodeStoredEvent(codec, storedEventOf(recorded))
    if (decoded._tag === 'Left') {
      logger?.debug({ err: decoded.left }, 'stored event fails to decode')
      return decoded.left
    }
    out.push(decoded.right)
    return undefined
  }

  const readStream =
    (streamName: string, readOptions: ReadStreamOptions = {}) =>
    () =>
      withClient(async (client): Promise<Recorded<E>> => {
        const max = readLimit(readOptions.maxCount)
        if (
          max <= 0 ||
          (readOptions.direction === 'backwards' &&
            readOptions.fromRevision !== undefined &&
            readOptions.fromRevision < 0n)
        ) {
          return right([])
        }
        const out: Array<RecordedEvent<E>> = []
        try {
          for await (const reply of readReplies(
            client,
            readStreamRequest(streamName, readOptions),
            'readStream',
          )) {
            if (reply.hasStreamNotFound()) return right([])
            const recorded = reply.getEvent()?.getEvent()
            const failed = recorded === undefined ? undefined : decodeInto(out, recorded)
            if (failed !== undefined) return left(failed)
          }
        } catch (error) {
          return left(toStoreError(error, streamName))
        }
        return right(out)
      })

  const readAll =
    (readOptions: ReadAllOptions = {}) =>
    () =>
      withClient(async (client): Promise<Recorded<E>> => {
        const max = readLimit(readOptions.maxCount)
        if (max <= 0) return right([])
        const { request, filter } = readAllRequest(
          readOptions.direction,
          readOptions.fromPosition,
          readOptions.filter,
          options.categories,
        )
        const out: Array<RecordedEvent<E>> = []
        try {
          for await (const reply of readReplies(client, request, 'readAll')) {
            const recorded = reply.getEvent()?.getEvent()
            if (
              recorded === undefined ||
              !filter.keep(streamNameOfRecorded(recorded), typeOfRecorded(recorded))
            )
              continue
            const failed = decodeInto(out, recorded)
            if (failed !== undefined) return left(failed)
            if (out.length >= max) break
          }
        } catch (error) {
          return left(unavailable(error))
        }
        return right(out)
      })

  const subscribe = (subscribeOptions: Parameters<EventStore<E>['subscribe']>[0]): Subscription<E> => {
    if (closed || connected._tag === 'Left') {
      const error = closed ? closedError : (connected as { left: StoreError }).left
      return failedSubscription<E>(error)
    }
    const subscription: Subscription<E> = createEsdbSubscription(
      {
        client: connected.right,
        codec,
        resubscribe: options.resubscribe ?? DEFAULT_RESUBSCRIBE,
        logger,
        categories: options.categories,
      },
      subscribeOptions,
      () => subscriptions.delete(subscription),
    )
    subscriptions.add(subscription)
    return subscription
  }

  return {
    append,
    readStream,
    readAll,
    subscribe,
    close: async () => {
      if (closed) return
      closed = true
      await Promise.all([...subscriptions].map((s) => s.close()))
      if (ownsClient && connected._tag === 'Right') await connected.right.dispose()
    },
  }
}

/** A subscription whose only message says why it could not start. */
const failedSubscription = <E>(error: StoreError): Subscription<E> => {
  async function* messages(): AsyncGenerator<
    { readonly _tag: 'Failed'; readonly error: StoreError },
    void,
    undefined
  > {
    yield { _tag: 'Failed', error }
  }
  const iterator = messages()
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => void (await iterator.return(undefined)),
  }
}
