// The skeleton of a store adapter, built from `@parcours/adapters/kit` the way an adapter outside
// this repository is built (every import by package name), and held to the port by the
// conformance suite. Its database is a table of rows kept in memory — the rows a SQL table or a
// document store would hold: replace `RowTable` with your driver, each call wrapped in
// `tryDriver` (or `tryDriverAsync`). docs/writing-an-adapter.md walks through it.
import { left, right, type Either } from 'fp-ts/lib/Either.js'
import {
  createAppendSignal,
  createSubscriptionRegistry,
  decodeStoredEvents,
  encodeEvents,
  matchesFilter,
  messageOf,
  readLimit,
  resolveAppend,
  storedEventDecoder,
  tryDriver,
  type SerializedEvent,
  type StoredEvent,
} from '@parcours/adapters/kit'
import { describeEventStoreConformance } from '@parcours/adapters/testing'
import type {
  AppendResult,
  EventCodec,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreError,
} from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// the database (replace with your driver)
// ---------------------------------------------------------------------------------------------

/** Rows in global-log order: the row at position p is at index p - 1. */
interface RowTable {
  readonly rows: Array<StoredEvent>
  closed: boolean
}

// ---------------------------------------------------------------------------------------------
// the adapter
// ---------------------------------------------------------------------------------------------

/** Options of the skeleton store: the codec every store takes (add your connection settings). */
interface RowEventStoreOptions<E extends { readonly type: string }> {
  readonly codec: EventCodec<E>
}

const getRowEventStore = <E extends { readonly type: string }>(
  options: RowEventStoreOptions<E>,
): EventStore<E> => {
  const { codec } = options
  const table: RowTable = { rows: [], closed: false }
  const appended = createAppendSignal()

  /** Every driver call goes through here: a closed store or a thrown error is StoreUnavailable. */
  const call = <A>(what: string, run: () => Either<StoreError, A>): Either<StoreError, A> => {
    if (table.closed) return left({ _tag: 'StoreUnavailable', message: 'the store is closed' })
    const result = tryDriver(run, (e): StoreError => ({
      _tag: 'StoreUnavailable',
      message: `${what} failed: ${messageOf(e)}`,
      cause: e,
    }))
    return result._tag === 'Left' ? result : result.right
  }
  const streamRows = (streamName: string) => table.rows.filter((row) => row.streamName === streamName)

  /** Inside one write transaction: the port's append rules, then the insert. */
  const write = (
    streamName: string,
    expected: ExpectedRevision,
    batch: ReadonlyArray<SerializedEvent>,
  ): Either<StoreError, AppendResult> => {
    const stream = streamRows(streamName)
    const decision = resolveAppend(
      expected,
      batch.map((e) => e.id),
      {
        current: BigInt(stream.length - 1),
        idAt: (revision) => stream[Number(revision)]?.id,
        revisionOf: (id) => stream.find((row) => row.id === id)?.revision,
        isIdTaken: (id) => table.rows.some((row) => row.id === id),
      },
    )
    switch (decision._tag) {
      case 'Conflict':
        return left({ _tag: 'WrongExpectedRevision', streamName, expected, actual: decision.actual })
      case 'AlreadyWritten': {
        const last = decision.lastRevision < 0n ? undefined : stream[Number(decision.lastRevision)]
        return right({ nextExpectedRevision: decision.lastRevision, position: last?.position ?? -1n })
      }
      case 'Write': {
        const recordedAt = new Date().toISOString()
        for (const [i, event] of batch.entries()) {
          table.rows.push({
            id: event.id,
            streamName,
            revision: BigInt(stream.length + i),
            position: BigInt(table.rows.length + 1),
            type: event.type,
            data: event.data,
            metadata: event.metadata,
            recordedAt,
          })
        }
        const last = table.rows[table.rows.length - 1] as StoredEvent
        return right({ nextExpectedRevision: last.revision, position: last.position })
      }
    }
  }

  const decode = (rows: ReadonlyArray<StoredEvent>): Either<StoreError, ReadonlyArray<RecordedEvent<E>>> =>
    decodeStoredEvents(codec, rows)

  // Catch-up, checkpoints, CaughtUp, live tail, back-pressure and close come from the kit: the
  // store says how to read a page of its log after a position, and how to wait for an append.
  const subscriptions = createSubscriptionRegistry(storedEventDecoder(codec), {
    readAfter: (after, limit) =>
      call('subscription read', () =>
        right(table.rows.filter((r) => after === undefined || r.position > after).slice(0, limit)),
      ),
    waitForAppend: (signal) => appended.wait(signal),
  })

  return {
    append: (streamName, expected, events) => async () => {
      // Validate first: an event failing its codec is InvalidEvent, and nothing is written.
      const encoded = encodeEvents(codec, streamName, events)
      if (encoded._tag === 'Left') return encoded
      const result = call('append', () => write(streamName, expected, encoded.right))
      if (result._tag === 'Right' && events.length > 0) appended.notify()
      return result
    },

    readStream:
      (streamName, { direction, fromRevision, maxCount }: ReadStreamOptions = {}) =>
      async () =>
        call('readStream', () => {
          const rows = streamRows(streamName)
          const picked =
            direction === 'backwards'
              ? rows.filter((r) => fromRevision === undefined || r.revision <= fromRevision).reverse()
              : rows.filter((r) => fromRevision === undefined || r.revision >= fromRevision)
          return decode(picked.slice(0, readLimit(maxCount)))
        }),

    readAll:
      ({ direction, fromPosition, maxCount, filter }: ReadAllOptions = {}) =>
      async () =>
        call('readAll', () => {
          const matching = table.rows.filter((r) => matchesFilter(filter, r.streamName, r.type))
          const picked =
            direction === 'backwards'
              ? matching.filter((r) => fromPosition === undefined || r.position < fromPosition).reverse()
              : matching.filter((r) => fromPosition === undefined || r.position >= fromPosition)
          return decode(picked.slice(0, readLimit(maxCount)))
        }),

    subscribe: subscriptions.open,

    close: async () => {
      table.closed = true
      await subscriptions.closeAll()
    },
  }
}

// ---------------------------------------------------------------------------------------------
// holding it to the port
// ---------------------------------------------------------------------------------------------

describeEventStoreConformance('adapter skeleton (rows in memory)', {
  create: async (codec) => {
    const store = getRowEventStore({ codec })
    return { store, dispose: () => store.close() }
  },
  concurrentWriters: true,
})
