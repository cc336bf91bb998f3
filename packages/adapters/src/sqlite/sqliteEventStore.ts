import Database from 'better-sqlite3'
import { flatten, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import type {
  AppendResult,
  EventCodec,
  ExpectedRevision,
  EventStore,
  GlobalPosition,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreError,
  StoreUnavailable,
  StreamRevision,
} from '@parcours/domain'
import { resolveAppend } from '../appendRules/index.js'
import { messageOf, tryDriver } from '../interop/index.js'
import { readLimit } from '../readRules/index.js'
import { decodeStoredEvents, encodeEvents, frozenCopy, type SerializedEvent } from '../serialization/index.js'
import { createAppendSignal, createSubscriptionRegistry, storedEventDecoder } from '../subscriptions/index.js'
import { registerStoreConnection } from './connections.js'
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
  /**
   * How many decoded events stream reads keep, by global position, so that reading a stream again
   * (as a command handler does) decodes only what is new. Stored events never change, so the cache
   * holds across processes. Default 50,000; 0 turns it off.
   */
  readonly cacheSize?: number
  /**
   * What an acknowledged append survives (the file is in WAL mode either way, and an append is
   * acknowledged only once its transaction has committed):
   * - `'NORMAL'` (the default): a crash of the process, at any point. Commits reach the WAL file
   *   but are synced to the disk only at checkpoints, so an operating-system crash or a power
   *   loss may roll back the appends made since the last checkpoint (the file stays consistent,
   *   and whatever survives is a prefix of what was acknowledged).
   * - `'FULL'`: also a power loss: the WAL file is synced at every commit, which on a virtual
   *   disk costs a few milliseconds per append.
   */
  readonly synchronous?: 'NORMAL' | 'FULL'
  /**
   * Group commit: appends that arrive while a commit is pending (in the same turn of the event
   * loop as the first one) are written in one IMMEDIATE transaction, in the order they were
   * called: a conflict, a taken event id or a failed statement undoes that append alone (its rows,
   * the transaction's last, are deleted again) and is its own result, and an append sees the
   * appends queued before it exactly as if they had been made one by one. Every append of a transaction is acknowledged only
   * once its COMMIT has succeeded; if the commit fails, every append of the transaction gets
   * `StoreUnavailable` and none of it is stored. At most this many appends go into one transaction
   * (the rest wait for the next one). Default 256; 1 commits each append on its own.
   */
  readonly maxBatchAppends?: number
  /**
   * At most about this many bytes of event data and metadata go into one group-commit
   * transaction (an append larger than this goes alone). Default 4 MiB.
   */
  readonly maxBatchBytes?: number
}

/** An append waiting in the queue of the next group commit. */
interface PendingAppend {
  readonly streamName: string
  readonly expected: ExpectedRevision
  readonly encoded: ReadonlyArray<SerializedEvent>
  /** The size of its data and metadata, for the batch bound. */
  readonly bytes: number
  readonly resolve: (result: Either<StoreError, AppendResult>) => void
}

/** A read of the log stream by stream (`readByStream`). */
export interface ReadByStreamOptions {
  /** Strictly after this event of this stream; default from the start of `fromStream`. */
  readonly after?: { readonly streamName: string; readonly revision: StreamRevision }
  /** Streams named from this one (inclusive). Default the first. */
  readonly fromStream?: string
  /** Streams named before this one (exclusive). Default every stream. */
  readonly beforeStream?: string
  /** Only events at or before this global position (the head of the snapshot a rebuild reads). */
  readonly upToPosition: GlobalPosition
  readonly maxCount: number
  /**
   * The rows are this store's own (see `decodeStoredEvent`'s `trusted`): current-version rows are
   * parsed without the codec's full validation, behind a cheap guard. Default false.
   */
  readonly trusted?: boolean
}

/** The SQLite store: an event store that can also read its log stream by stream. */
export interface SqliteEventStore<E extends { readonly type: string }> extends EventStore<E> {
  /**
   * Events ordered by stream name, then revision (the `(stream_name, revision)` index), a page
   * at a time: what lets a rebuild finish each stream's documents before the next, and a worker
   * read only its range of streams.
   */
  readonly readByStream: (
    options: ReadByStreamOptions,
  ) => TaskEither<StoreError, ReadonlyArray<RecordedEvent<E>>>
}

/** After every stream name (SQLite compares text as UTF-8 bytes). */
const LAST_STREAM = '\u{10FFFF}'

/** Thrown inside an append's transaction, its rows undone, when an event id is already stored. */
class IdTaken extends Error {
  constructor(readonly current: StreamRevision) {
    super('an event id of the batch is already stored')
  }
}

/** Thrown when the rows of a failed append could not be deleted: the whole transaction must go. */
class AppendNotUndone extends Error {
  constructor(cause: unknown) {
    super(`cannot undo a failed append: ${messageOf(cause)}`, { cause })
  }
}

const isIdConstraint = (e: unknown): boolean =>
  e instanceof Error &&
  (e as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
  e.message.includes('events.event_id')

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

/** The statements of a group commit: its transaction, and the undoing of one append's rows. */
const prepareTransactionStatements = (db: Database.Database) => {
  const statement = (sql: string) => db.prepare(sql)
  return {
    begin: statement('BEGIN IMMEDIATE'),
    commit: statement('COMMIT'),
    rollback: statement('ROLLBACK'),
    /** Removes the rows from a position on: those of the append being written, the last ones. */
    removeFrom: statement('DELETE FROM events WHERE position >= ?').safeIntegers(true),
  }
}

type Opened = {
  readonly db: Database.Database
  readonly queries: SqliteQueries
  readonly tx: ReturnType<typeof prepareTransactionStatements>
}

/** Pages the write-ahead log may hold before a commit checkpoints it. */
const WAL_AUTOCHECKPOINT_PAGES = 10_000

const open = (
  path: string,
  busyTimeoutMs: number,
  synchronous: 'NORMAL' | 'FULL',
): Either<StoreUnavailable, Opened> => {
  // A value from outside TypeScript (a config file) must not weaken what an append survives.
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL')
    return left(unavailable(`synchronous must be 'NORMAL' or 'FULL', not ${JSON.stringify(synchronous)}`))
  let db: Database.Database | undefined
  return tryDriver(
    () => {
      db = new Database(path)
      db.pragma(`busy_timeout = ${busyTimeoutMs}`)
      db.pragma('journal_mode = WAL')
      db.pragma(`synchronous = ${synchronous}`)
      // A checkpoint copies the log into the file and syncs both. Appends to many streams dirty
      // index pages all over the file, so every 1,000 pages (SQLite's default) it rewrote much the
      // same pages; every 10,000 (a log of about 40 MB at most) costs an append about a third less.
      db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
      migrate(db)
      return { db, queries: prepareQueries(db), tx: prepareTransactionStatements(db) }
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
 * An event store in one SQLite file (WAL). Appends are written by group commit: those made
 * together (in one turn of the event loop) share one IMMEDIATE transaction, each with its own
 * result (one that fails is undone alone), and each is acknowledged once that transaction has
 * committed (see {@link SqliteEventStoreOptions.maxBatchAppends}). Several processes can share the file: a
 * writer waits for the other's transaction, then sees its events, and a stale expectation is a
 * `WrongExpectedRevision`. Live subscriptions poll for appends made
 * by other processes. If the file cannot be opened, every call returns `StoreUnavailable`.
 *
 * @example
 * import { journeyEventCodec } from '@parcours/domain'
 * import { getSqliteEventStore } from '@parcours/adapters'
 *
 * const store = getSqliteEventStore({ path: 'parcours.db', codec: journeyEventCodec })
 * const log = await store.readAll({ maxCount: 100 })() // Left(StoreUnavailable) if the file cannot be opened
 * await store.close()
 */
export const getSqliteEventStore = <E extends { readonly type: string }>(
  options: SqliteEventStoreOptions<E>,
): SqliteEventStore<E> => {
  const { codec } = options
  const log = options.logger?.child({ module: 'sqliteEventStore' })
  const pollIntervalMs = options.pollIntervalMs ?? 50
  const opened = open(options.path, options.busyTimeoutMs ?? 5000, options.synchronous ?? 'NORMAL')
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

  const cacheSize = Math.max(0, options.cacheSize ?? 50_000)
  const cache = new Map<number, RecordedEvent<E>>()
  const remember = (event: RecordedEvent<E>): RecordedEvent<E> => {
    const frozen = frozenCopy(event)
    cache.set(Number(event.position), frozen)
    if (cache.size > cacheSize) {
      for (const key of cache.keys()) {
        cache.delete(key)
        if (cache.size <= cacheSize) break
      }
    }
    return frozen
  }

  /**
   * Reads a stream forwards through the cache: the positions come from the index alone, the
   * events from the cache up to the first one missing, then the rest from the table, decoded once.
   */
  const readStreamCached = (
    queries: SqliteQueries,
    streamName: string,
    fromRevision: StreamRevision,
    limit: number,
  ): Either<StoreError, ReadonlyArray<RecordedEvent<E>>> => {
    const positions = queries.streamPositions(streamName, fromRevision, limit)
    const out: Array<RecordedEvent<E>> = []
    for (const position of positions) {
      const hit = cache.get(position)
      if (hit === undefined) break
      out.push(hit)
    }
    if (out.length === positions.length) return right(out)
    const rest = decodeRows(
      queries.stream(
        streamName,
        false,
        fromRevision + BigInt(out.length),
        limit < 0 ? -1 : limit - out.length,
      ),
    )
    if (rest._tag === 'Left') return rest
    for (const event of rest.right) out.push(remember(event))
    return right(out)
  }

  /**
   * Writes one append inside the group's transaction. It returns the append's own result (a
   * conflict writes nothing). When an insert fails (`IdTaken`: an event id is already stored; or
   * any failed statement), it deletes the rows the append wrote before it and throws; if those
   * cannot be deleted it throws `AppendNotUndone`, and the whole transaction must be rolled back.
   */
  const writeOne = (
    { db, queries, tx }: Opened,
    { streamName, expected, encoded }: PendingAppend,
    recordedAt: string,
  ): Either<StoreError, AppendResult> => {
    const current = queries.lastRevision(streamName)
    const decision = resolveAppend(
      expected,
      encoded.map((e) => e.id),
      {
        current,
        idAt: (revision) => queries.idAt(streamName, revision),
        revisionOf: (id) => {
          const found = queries.byId(id)
          return found?.stream_name === streamName ? BigInt(found.revision) : undefined
        },
        // The unique index on event ids answers this at insert time: see IdTaken.
        isIdTaken: () => false,
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
        let revision = current
        let first: GlobalPosition | undefined
        let position = -1n
        try {
          for (const event of encoded) {
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
            first ??= position
          }
        } catch (e) {
          // A failed INSERT leaves nothing of itself; the append's earlier rows are the
          // transaction's last ones. (No savepoint per append: each would copy every page the
          // append touches into a statement journal.)
          if (first !== undefined && db.inTransaction) {
            try {
              tx.removeFrom.run(first)
            } catch (undoError) {
              throw new AppendNotUndone(undoError)
            }
          }
          if (isIdConstraint(e)) throw new IdTaken(current)
          throw e
        }
        return right({ nextExpectedRevision: revision, position })
      }
    }
  }

  /**
   * Writes a batch in one IMMEDIATE transaction and returns each append's result, all of them
   * `StoreUnavailable` when the transaction cannot begin or commit (then none of it is stored).
   * An append that fails part way is undone by `writeOne`; one that cannot be undone fails the
   * whole batch.
   */
  const commitBatch = (
    handle: Opened,
    batch: ReadonlyArray<PendingAppend>,
  ): ReadonlyArray<Either<StoreError, AppendResult>> => {
    const { db, tx } = handle
    const failAll = (e: unknown) => {
      const error = unavailable(`append failed: ${messageOf(e)}`, e)
      return batch.map((): Either<StoreError, AppendResult> => left(error))
    }
    try {
      tx.begin.run()
    } catch (e) {
      return failAll(e)
    }
    const results: Array<Either<StoreError, AppendResult>> = []
    try {
      const recordedAt = new Date().toISOString()
      for (const pending of batch) {
        try {
          results.push(writeOne(handle, pending, recordedAt))
        } catch (e) {
          // Some errors (a full disk, an I/O error) end the whole transaction: the batch fails.
          if (!db.inTransaction || e instanceof AppendNotUndone) throw e
          results.push(
            e instanceof IdTaken
              ? left({
                  _tag: 'WrongExpectedRevision',
                  streamName: pending.streamName,
                  expected: pending.expected,
                  actual: e.current < 0n ? 'no-stream' : e.current,
                })
              : left(unavailable(`append failed: ${messageOf(e)}`, e)),
          )
        }
      }
      tx.commit.run()
      return results
    } catch (e) {
      if (db.inTransaction) {
        try {
          tx.rollback.run()
        } catch (rollbackError) {
          log?.debug({ err: rollbackError }, 'rollback after a failed commit failed')
        }
      }
      return failAll(e)
    }
  }

  const maxBatchAppends = Math.max(1, Math.floor(options.maxBatchAppends ?? 256))
  const maxBatchBytes = Math.max(1, options.maxBatchBytes ?? 4 * 1024 * 1024)
  let queue: Array<PendingAppend> = []
  let flushScheduled = false
  /** How many appends the last flush found queued: one means appends come one at a time. */
  let lastFlushed = 0

  /** Commits what is queued, batch by batch, then settles each batch's appends. */
  const flush = (): void => {
    flushScheduled = false
    lastFlushed = queue.length
    while (queue.length > 0) {
      let count = 0
      let bytes = 0
      while (count < queue.length && count < maxBatchAppends) {
        const size = (queue[count] as PendingAppend).bytes
        if (count > 0 && bytes + size > maxBatchBytes) break
        bytes += size
        count += 1
      }
      const batch = queue.length === count ? queue : queue.slice(0, count)
      queue = queue.length === count ? [] : queue.slice(count)
      const results =
        opened._tag === 'Left'
          ? batch.map((): Either<StoreError, AppendResult> => opened)
          : commitBatch(opened.right, batch)
      let wrote = false
      for (let i = 0; i < batch.length; i++) {
        const pending = batch[i] as PendingAppend
        const result = results[i] as Either<StoreError, AppendResult>
        if (result._tag === 'Right' && pending.encoded.length > 0) wrote = true
        if (result._tag === 'Left' && result.left._tag === 'WrongExpectedRevision') {
          log?.debug(
            {
              streamName: pending.streamName,
              expected: String(pending.expected),
              actual: String(result.left.actual),
            },
            'wrong expected revision',
          )
        }
        pending.resolve(result)
      }
      // Subscribers hear of the appends once they are committed, once per transaction.
      if (wrote) appended.notify()
    }
  }

  // When appends come one at a time (the last flush wrote one), the flush runs as a microtask:
  // after the code that called `append` has run to its next `await`, so a caller awaiting each
  // append in turn pays no turn of the event loop. When they come together (the last flush wrote
  // several: concurrent writers), it waits for the end of the turn (setImmediate), so that the
  // writers woken by the previous commit, each some awaits away from its next append, land in one
  // transaction. Measured with the commands benchmark (128 journeys in flight): 17 appends a
  // transaction as a microtask, 74 at the end of the turn; the stores benchmark's one awaited
  // append at a time is as fast as before.
  const scheduleFlush = (): void => {
    if (flushScheduled) return
    flushScheduled = true
    if (lastFlushed > 1) setImmediate(flush)
    else queueMicrotask(flush)
  }

  const append: EventStore<E>['append'] = (streamName, expected, events) => () => {
    const encoded = encodeEvents(codec, streamName, events)
    if (encoded._tag === 'Left') return Promise.resolve(encoded)
    if (opened._tag === 'Left') return Promise.resolve(opened)
    if (closed) return Promise.resolve(left(unavailable('the SQLite event store is closed')))
    let bytes = 0
    for (const e of encoded.right) bytes += e.data.length + (e.metadata?.length ?? 0)
    return new Promise((resolve) => {
      queue.push({ streamName, expected, encoded: encoded.right, bytes, resolve })
      scheduleFlush()
    })
  }

  const readStream =
    (streamName: string, readOptions: ReadStreamOptions = {}) =>
    async () =>
      withDb('readStream', ({ queries }) =>
        cacheSize > 0 && readOptions.direction !== 'backwards'
          ? readStreamCached(
              queries,
              streamName,
              readOptions.fromRevision === undefined || readOptions.fromRevision < 0n
                ? 0n
                : readOptions.fromRevision,
              sqlLimit(readOptions.maxCount),
            )
          : decodeRows(
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

  const readByStream =
    (readOptions: ReadByStreamOptions) =>
    async (): Promise<Either<StoreError, ReadonlyArray<RecordedEvent<E>>>> =>
      withDb('readByStream', ({ queries }) =>
        decodeStoredEvents(
          codec,
          queries.byStream(
            readOptions.after?.streamName ?? readOptions.fromStream ?? '',
            readOptions.after?.revision ?? -1n,
            readOptions.beforeStream ?? LAST_STREAM,
            readOptions.upToPosition,
            sqlLimit(readOptions.maxCount),
          ),
          log,
          { trusted: readOptions.trusted === true },
        ),
      )

  const subscriptions = createSubscriptionRegistry(storedEventDecoder(codec), {
    readAfter: (after, limit) =>
      withDb('subscription read', ({ queries }) => right(queries.after(after, limit).map(toStoredEvent))),
    waitForAppend: (signal) => appended.wait(signal, pollIntervalMs),
  })

  const store: SqliteEventStore<E> = {
    append,
    readStream,
    readAll,
    readByStream,
    subscribe: subscriptions.open,
    close: async () => {
      if (closed) return
      closed = true
      // Appends accepted before the close are committed (or failed) before the file closes.
      flush()
      await subscriptions.closeAll()
      if (opened._tag === 'Right') opened.right.db.close()
    },
  }
  registerStoreConnection(store, () => (opened._tag === 'Right' && !closed ? opened.right.db : undefined))
  return store
}
