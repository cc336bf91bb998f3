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

/** Thrown inside an append's transaction, to roll it back, when an event id is already stored. */
class IdTaken extends Error {
  constructor(readonly current: StreamRevision) {
    super('an event id of the batch is already stored')
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

type Opened = { readonly db: Database.Database; readonly queries: SqliteQueries }

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

  /** One IMMEDIATE transaction per append; it throws `IdTaken` to roll back a batch whose id exists. */
  const appendTransaction =
    opened._tag === 'Left'
      ? undefined
      : opened.right.db.transaction(
          (
            queries: SqliteQueries,
            streamName: string,
            expected: ExpectedRevision,
            encoded: ReadonlyArray<SerializedEvent>,
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
                const recordedAt = new Date().toISOString()
                let revision = current
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
                  }
                } catch (e) {
                  if (isIdConstraint(e)) throw new IdTaken(current)
                  throw e
                }
                return right({ nextExpectedRevision: revision, position })
              }
            }
          },
        )

  const append: EventStore<E>['append'] = (streamName, expected, events) => async () => {
    const encoded = encodeEvents(codec, streamName, events)
    if (encoded._tag === 'Left') return encoded
    const result = withDb('append', ({ queries }) => {
      try {
        return (appendTransaction as NonNullable<typeof appendTransaction>).immediate(
          queries,
          streamName,
          expected,
          encoded.right,
        )
      } catch (e) {
        if (!(e instanceof IdTaken)) throw e
        return left({
          _tag: 'WrongExpectedRevision',
          streamName,
          expected,
          actual: e.current < 0n ? 'no-stream' : e.current,
        })
      }
    })
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

  return {
    append,
    readStream,
    readAll,
    readByStream,
    subscribe: subscriptions.open,
    close: async () => {
      if (closed) return
      closed = true
      await subscriptions.closeAll()
      if (opened._tag === 'Right') opened.right.db.close()
    },
  }
}
