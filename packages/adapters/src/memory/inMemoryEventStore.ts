import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import type {
  AppendResult,
  EventCodec,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreError,
  StreamRevision,
} from '@parcours/domain'
import { resolveAppend, type StreamView } from '../appendRules/index.js'
import { readLimit } from '../readRules/index.js'
import { decodeStoredEvents, encodeEvents, type StoredEvent } from '../serialization/index.js'
import { createAppendSignal, createSubscriptionRegistry, matchesFilter } from '../subscriptions/index.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Options of the in-memory store. */
export interface InMemoryEventStoreOptions<E extends { readonly type: string }> {
  readonly codec: EventCodec<E>
  readonly logger?: Logger
}

/** A row of the log; its global position is its index + 1. */
interface Row {
  readonly id: string
  readonly streamName: string
  readonly revision: StreamRevision
  readonly type: string
  readonly data: string
  readonly metadata: string
  readonly recordedAt: string
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * An event store in memory, with the same semantics as the durable ones: events go through the
 * codec both ways (as JSON), and every append is O(1) amortised however large the log grows.
 */
export const getInMemoryEventStore = <E extends { readonly type: string }>(
  options: InMemoryEventStoreOptions<E>,
): EventStore<E> => {
  const { codec } = options
  const log = options.logger?.child({ module: 'inMemoryEventStore' })
  const rows: Array<Row> = []
  const streams = new Map<string, Array<number>>()
  const indexOfId = new Map<string, number>()
  const appended = createAppendSignal()
  let closed = false

  const closedError: StoreError = { _tag: 'StoreUnavailable', message: 'the in-memory store is closed' }
  const stored = (index: number): StoredEvent => {
    const row = rows[index] as Row
    return { ...row, position: BigInt(index + 1) }
  }
  const decodeAll = (indexes: Iterable<number>): Either<StoreError, ReadonlyArray<RecordedEvent<E>>> =>
    decodeStoredEvents(codec, Array.from(indexes, stored), log)

  const append: EventStore<E>['append'] = (streamName, expected, events) => async () => {
    if (closed) return left(closedError)
    const encoded = encodeEvents(codec, streamName, events)
    if (encoded._tag === 'Left') return encoded
    const indexes = streams.get(streamName) ?? []
    const view: StreamView = {
      current: BigInt(indexes.length - 1),
      idAt: (revision) => {
        const index = revision < 0n ? undefined : indexes[Number(revision)]
        return index === undefined ? undefined : rows[index]?.id
      },
      revisionOf: (id) => {
        const index = indexOfId.get(id)
        const row = index === undefined ? undefined : rows[index]
        return row?.streamName === streamName ? row.revision : undefined
      },
      isIdTaken: (id) => indexOfId.has(id),
    }
    const decision = resolveAppend(
      expected,
      encoded.right.map((e) => e.id),
      view,
    )
    switch (decision._tag) {
      case 'Conflict':
        log?.debug(
          { streamName, expected: String(expected), actual: String(decision.actual) },
          'wrong expected revision',
        )
        return left({ _tag: 'WrongExpectedRevision', streamName, expected, actual: decision.actual })
      case 'AlreadyWritten': {
        const index = decision.lastRevision < 0n ? undefined : indexes[Number(decision.lastRevision)]
        return right({
          nextExpectedRevision: decision.lastRevision,
          position: index === undefined ? -1n : BigInt(index + 1),
        })
      }
      case 'Write': {
        if (!streams.has(streamName)) streams.set(streamName, indexes)
        const recordedAt = new Date().toISOString()
        for (const event of encoded.right) {
          const index = rows.length
          rows.push({
            id: event.id,
            streamName,
            revision: BigInt(indexes.length),
            type: event.type,
            data: event.data,
            metadata: event.metadata,
            recordedAt,
          })
          indexes.push(index)
          indexOfId.set(event.id, index)
        }
        appended.notify()
        const result: AppendResult = {
          nextExpectedRevision: BigInt(indexes.length - 1),
          position: BigInt(rows.length),
        }
        return right(result)
      }
    }
  }

  const readStream =
    (streamName: string, options: ReadStreamOptions = {}) =>
    async () => {
      if (closed) return left(closedError)
      const indexes = streams.get(streamName) ?? []
      const max = readLimit(options.maxCount)
      const picked: Array<number> = []
      if (options.direction === 'backwards') {
        const last = BigInt(indexes.length - 1)
        const from =
          options.fromRevision === undefined || options.fromRevision > last ? last : options.fromRevision
        for (let r = Number(from); r >= 0 && picked.length < max; r--) picked.push(indexes[r] as number)
      } else {
        const from = options.fromRevision ?? 0n
        for (let r = from < 0n ? 0 : Number(from); r < indexes.length && picked.length < max; r++)
          picked.push(indexes[r] as number)
      }
      return decodeAll(picked)
    }

  const readAll =
    (options: ReadAllOptions = {}) =>
    async () => {
      if (closed) return left(closedError)
      const max = readLimit(options.maxCount)
      const picked: Array<number> = []
      const take = (index: number) => {
        const row = rows[index] as Row
        if (matchesFilter(options.filter, row.streamName, row.type)) picked.push(index)
      }
      if (options.direction === 'backwards') {
        const before =
          options.fromPosition === undefined
            ? rows.length
            : Math.min(rows.length, Math.max(0, Number(options.fromPosition) - 1))
        for (let i = before - 1; i >= 0 && picked.length < max; i--) take(i)
      } else {
        const from = options.fromPosition === undefined ? 0 : Math.max(0, Number(options.fromPosition) - 1)
        for (let i = from; i < rows.length && picked.length < max; i++) take(i)
      }
      return decodeAll(picked)
    }

  const subscriptions = createSubscriptionRegistry(codec, {
    readAfter: (after, limit) => {
      if (closed) return left(closedError)
      const from = after === undefined || after < 0n ? 0 : Number(after)
      const out: Array<StoredEvent> = []
      for (let i = from; i < rows.length && out.length < limit; i++) out.push(stored(i))
      return right(out)
    },
    waitForAppend: (signal) => appended.wait(signal),
  })

  return {
    append,
    readStream,
    readAll,
    subscribe: subscriptions.open,
    close: async () => {
      closed = true
      await subscriptions.closeAll()
    },
  }
}
