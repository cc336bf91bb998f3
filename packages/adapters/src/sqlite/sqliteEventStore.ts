import Database from 'better-sqlite3'
import { flatten, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import type {
  AppendResult,
  EventCodec,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreError,
  StoreUnavailable,
} from '@parcours/domain'
import { resolveAppend } from '../appendRules/index.js'
import { messageOf, tryDriver } from '../interop/index.js'
import { readLimit } from '../readRules/index.js'
import { decodeStoredEvents, encodeEvents } from '../serialization/index.js'
import { createAppendSignal, createSubscriptionRegistry } from '../subscriptions/index.js'
import { migrate } from './schema.js'
import { prepareQueries, toStoredEvent, type EventRow, type SqliteQueries } from './sqliteQueries.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Options of the SQLite store. */
export interface SqliteEventStoreOptions<E extends { readonly type: string }> {
  /** The database file (created if missing); `:memory:` for a private in-memory database. */
  readonly path: string
  readonly codec: EventCodec<E>
  readonly logger?: Logger
  /** How often a live subscription looks for appends made by other processes. Default 50 ms. */
  readonly pollIntervalMs?: number
  /** How long an append waits for another process's write to finish. Default 5000 ms. */
  readonly busyTimeoutMs?: number
}

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

const unavailable = (message: string, cause?: unknown): StoreUnavailable =>
  cause === undefined ? { _tag: 'StoreUnavailable', message } : { _tag: 'StoreUnavailable', message, cause }

/** better-sqlite3 throws: every call goes through the one driver bridge. */
const attempt = <A>(what: string, f: () => Either<StoreError, A>): Either<StoreError, A> =>
  flatten(tryDriver(f, (e): StoreError => unavailable(`${what} failed: ${messageOf(e)}`, e)))

/** A read's LIMIT: SQLite takes -1 for none, and only integers. */
const sqlLimit = (maxCount: number | undefined): number => {
  const limit = readLimit(maxCount)
  return Number.isFinite(limit) ? limit : -1
}

type Opened = { readonly db: Database.Database; readonly queries: SqliteQueries }

const open = (path: string, busyTimeoutMs: number): Either<StoreUnavailable, Opened> => {
  let db: Database.Database | undefined
  return tryDriver(
    () => {
      db = new Database(path)
      db.pragma(`busy_timeout = ${busyTimeoutMs}`)
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
      migrate(db)
      return { db, queries: prepareQueries(db) }
    },
    (e) => {
      db?.close()
      return unavailable(`cannot open the SQLite event store at ${path}: ${messageOf(e)}`, e)
    },
  )
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * An event store in one SQLite file (WAL). Each append is one IMMEDIATE transaction, so several
 * processes can share the file: a writer waits for the other's transaction, then sees its events,
 * and a stale expectation is a `WrongExpectedRevision`. Live subscriptions poll for appends made
 * by other processes. If the file cannot be opened, every call returns `StoreUnavailable`.
 */
export const getSqliteEventStore = <E extends { readonly type: string }>(
  options: SqliteEventStoreOptions<E>,
): EventStore<E> => {
  const { codec } = options
  const log = options.logger?.child({ module: 'sqliteEventStore' })
  const pollIntervalMs = options.pollIntervalMs ?? 50
  const opened = open(options.path, options.busyTimeoutMs ?? 5000)
  if (opened._tag === 'Left') log?.debug({ err: opened.left }, 'cannot open the event store')
  const appended = createAppendSignal()
  let closed = false

  const withDb = <A>(what: string, f: (o: Opened) => Either<StoreError, A>): Either<StoreError, A> => {
    if (opened._tag === 'Left') return opened
    if (closed) return left(unavailable('the SQLite event store is closed'))
    return attempt(what, () => f(opened.right))
  }
  const decodeRows = (rows: ReadonlyArray<EventRow>): Either<StoreError, ReadonlyArray<RecordedEvent<E>>> =>
    decodeStoredEvents(codec, rows.map(toStoredEvent), log)

  const append: EventStore<E>['append'] = (streamName, expected, events) => async () => {
    const encoded = encodeEvents(codec, streamName, events)
    if (encoded._tag === 'Left') return encoded
    const result = withDb('append', ({ db, queries }) =>
      db
        .transaction((): Either<StoreError, AppendResult> => {
          const decision = resolveAppend(
            expected,
            encoded.right.map((e) => e.id),
            {
              current: queries.lastRevision(streamName),
              idAt: (revision) => queries.idAt(streamName, revision),
              revisionOf: (id) => {
                const found = queries.byId(id)
                return found?.stream_name === streamName ? BigInt(found.revision) : undefined
              },
              isIdTaken: (id) => queries.byId(id) !== undefined,
            },
          )
          switch (decision._tag) {
            case 'Conflict':
              return left({ _tag: 'WrongExpectedRevision', streamName, expected, actual: decision.actual })
            case 'AlreadyWritten':
              return right({
                nextExpectedRevision: decision.lastRevision,
                position: queries.positionAt(streamName, decision.lastRevision) ?? -1n,
              })
            case 'Write': {
              const recordedAt = new Date().toISOString()
              let revision = queries.lastRevision(streamName)
              let position = -1n
              for (const event of encoded.right) {
                revision += 1n
                position = queries.insert({
                  event_id: event.id,
                  stream_name: streamName,
                  revision,
                  event_type: event.type,
                  data: event.data,
                  metadata: event.metadata,
                  recorded_at: recordedAt,
                })
              }
              return right({ nextExpectedRevision: revision, position })
            }
          }
        })
        .immediate(),
    )
    if (result._tag === 'Left' && result.left._tag === 'WrongExpectedRevision') {
      log?.debug(
        { streamName, expected: String(expected), actual: String(result.left.actual) },
        'wrong expected revision',
      )
    }
    if (result._tag === 'Right' && events.length > 0) appended.notify()
    return result
  }

  const readStream =
    (streamName: string, readOptions: ReadStreamOptions = {}) =>
    async () =>
      withDb('readStream', ({ queries }) =>
        decodeRows(
          queries.stream(
            streamName,
            readOptions.direction === 'backwards',
            readOptions.fromRevision,
            sqlLimit(readOptions.maxCount),
          ),
        ),
      )

  const readAll =
    (readOptions: ReadAllOptions = {}) =>
    async () =>
      withDb('readAll', ({ queries }) =>
        decodeRows(
          queries.all(
            readOptions.direction === 'backwards',
            readOptions.fromPosition,
            readOptions.filter,
            sqlLimit(readOptions.maxCount),
          ),
        ),
      )

  const subscriptions = createSubscriptionRegistry(codec, {
    readAfter: (after, limit) =>
      withDb('subscription read', ({ queries }) => right(queries.after(after, limit).map(toStoredEvent))),
    waitForAppend: (signal) => appended.wait(signal, pollIntervalMs),
  })

  return {
    append,
    readStream,
    readAll,
    subscribe: subscriptions.open,
    close: async () => {
      if (closed) return
      closed = true
      await subscriptions.closeAll()
      if (opened._tag === 'Right') opened.right.db.close()
    },
  }
}
