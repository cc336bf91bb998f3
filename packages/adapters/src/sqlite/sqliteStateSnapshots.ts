import Database from 'better-sqlite3'
import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import type { StoreUnavailable } from '@parcours/domain'
import { eventIdDigest } from '../commandHandling/eventIdFor.js'
import type { StateSnapshot, StateSnapshots } from '../commandHandling/stateSnapshots.js'
import { storeConnectionOf } from './connections.js'

// ---------------------------------------------------------------------------------------------
// State snapshots in a SQLite file (its own table, so it may share the event store's file).
// Saves are grouped: those made in one turn of the event loop are written in one transaction.
// ---------------------------------------------------------------------------------------------

/** The table of the snapshots (rewriteStoredEvents empties it). */
export const STATE_SNAPSHOTS_TABLE = 'state_snapshots'

const schema = `CREATE TABLE IF NOT EXISTS ${STATE_SNAPSHOTS_TABLE} (
  stream_name   TEXT    PRIMARY KEY,
  version       TEXT    NOT NULL,
  revision      INTEGER NOT NULL,
  last_event_id TEXT    NOT NULL,
  last_position INTEGER NOT NULL,
  snapshot      TEXT    NOT NULL
)`

/** Options of the SQLite state snapshots: where they are kept, `store` or `path`. */
export interface SqliteStateSnapshotsOptions {
  /**
   * The SQLite event store whose file keeps them — the value `getSqliteEventStore` returned, of
   * any event type (any other object answers `StoreUnavailable`) — on the store's own connection
   * (recommended): a write of theirs is then not one of another connection, which would make the
   * store drop its page cache and read again from the file every page it next needs. A write waits for
   * another process as long as the store's appends do (its `busyTimeoutMs`). Closing the
   * snapshots leaves the store open; close the snapshots first.
   */
  readonly store?: object
  /** A SQLite file, on a connection of their own (created if missing; WAL). */
  readonly path?: string
  /**
   * The version of the state's shape (for journeys, `JOURNEY_STATE_VERSION`): a snapshot of
   * another version is not loaded, and the next save of its stream replaces it. The states must be
   * plain JSON data (records, arrays, strings, numbers, booleans, null).
   */
  readonly version: string
  /**
   * With `path`: how long a write waits for another process writing the file; past it, the
   * snapshots of that turn are dropped (and logged): they are a cache, not worth holding the
   * event loop for. Default 200 ms.
   */
  readonly busyTimeoutMs?: number
  /** Where failed writes are reported (a snapshot is a cache: nothing else is lost). */
  readonly logger?: Logger
}

/** SQLite state snapshots: `flush` writes what was saved and not yet written; `close` flushes first. */
export interface SqliteStateSnapshots<S> extends StateSnapshots<S> {
  /** Writes the saves not written yet, in one transaction; resolves to how many. */
  readonly flush: () => TaskEither<StoreUnavailable, number>
  /** Writes what is left, then closes the file; later saves are not kept. */
  readonly close: () => Promise<void>
}

interface Row {
  readonly version: string
  readonly revision: bigint
  readonly last_event_id: string
  readonly last_position: bigint
  readonly snapshot: string
}

/** Whether a value is a list of 32-bit digests (`eventIdDigest`). */
const isDigests = (v: unknown): v is ReadonlyArray<number> =>
  Array.isArray(v) && v.every((d) => typeof d === 'number' && (d | 0) === d)

/**
 * What a row's `snapshot` column holds, when it holds what a save wrote: the state and the ids'
 * digests (`idDigests`), or, as written before digests, the ids themselves (`ids`), digested here.
 */
const parsedSnapshot = <S>(
  json: string,
): { readonly state: S; readonly idDigests: ReadonlyArray<number> } | undefined => {
  const parsed = JSON.parse(json) as unknown
  if (typeof parsed !== 'object' || parsed === null || !('state' in parsed)) return undefined
  const { state } = parsed
  if (state === undefined) return undefined
  if ('idDigests' in parsed)
    return isDigests(parsed.idDigests) ? { state: state as S, idDigests: parsed.idDigests } : undefined
  if (!('ids' in parsed)) return undefined
  const { ids } = parsed
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return undefined
  return { state: state as S, idDigests: ids.map(eventIdDigest) }
}

/** Pages the write-ahead log may hold before a commit checkpoints it (as the event store's). */
const WAL_AUTOCHECKPOINT_PAGES = 10_000

const unavailable = (message: string, e: unknown): StoreUnavailable => ({
  _tag: 'StoreUnavailable',
  message: `${message}: ${e instanceof Error ? e.message : String(e)}`,
})

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * State snapshots for `createCommandHandler`'s `snapshots`, in a table of a SQLite file: the
 * event store's, on its connection (`store`), or any file (`path`, created if missing; WAL). A
 * save is held in memory, where `load` finds it, until the end of the turn of the event loop,
 * then written with the others in one transaction.
 *
 * @example
 * import { JOURNEY_STATE_VERSION, journeyEventCodec, type JourneyState } from '@parcours/domain'
 * import { getSqliteEventStore, getSqliteStateSnapshots } from '@parcours/adapters'
 *
 * const store = getSqliteEventStore({ path: 'parcours.db', codec: journeyEventCodec })
 * const snapshots = getSqliteStateSnapshots<JourneyState>({ store, version: JOURNEY_STATE_VERSION })
 * // createCommandHandler({ ..., snapshots }) or createJourneyCommandHandler({ ..., snapshots })
 * await snapshots.close()
 * await store.close()
 */
export const getSqliteStateSnapshots = <S>(options: SqliteStateSnapshotsOptions): SqliteStateSnapshots<S> => {
  const log = options.logger?.child({ module: 'sqliteStateSnapshots' })
  // The file's connection when it is their own (closed with them), or the store's.
  let own: Database.Database | undefined
  // `open` throws once the store whose connection they share is closed.
  const connection = (): Either<
    StoreUnavailable,
    { readonly db: Database.Database; readonly open: () => void }
  > => {
    const { store, path } = options
    if ((store === undefined) === (path === undefined))
      return left({
        _tag: 'StoreUnavailable',
        message: 'the state snapshots need either a SQLite event store (store) or a file (path), not both',
      })
    if (store !== undefined) {
      const ofStore = storeConnectionOf(store)
      const db = ofStore?.()
      if (ofStore === undefined)
        return left({
          _tag: 'StoreUnavailable',
          message: 'the state snapshots need a store made by getSqliteEventStore, or a path',
        })
      if (db === undefined)
        return left({ _tag: 'StoreUnavailable', message: 'the SQLite event store is closed or unavailable' })
      return right({
        db,
        open: () => {
          if (ofStore() === undefined) throw new Error('the SQLite event store is closed')
        },
      })
    }
    own = new Database(path)
    own.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 200))}`)
    own.pragma('journal_mode = WAL')
    own.pragma('synchronous = NORMAL')
    // Sharing the event store's log, it checkpoints as rarely as the store does.
    own.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
    return right({ db: own, open: () => undefined })
  }
  const where = options.path === undefined ? "the event store's file" : options.path
  // The connection and its two statements, or why the file cannot be used.
  const opened = (() => {
    try {
      const found = connection()
      if (found._tag === 'Left') return found
      const { db, open } = found.right
      db.exec(schema)
      return right({
        open,
        get: db
          .prepare<[string], Row>(
            `SELECT version, revision, last_event_id, last_position, snapshot FROM ${STATE_SNAPSHOTS_TABLE} WHERE stream_name = ?`,
          )
          .safeIntegers(true),
        put: db.prepare(
          `INSERT INTO ${STATE_SNAPSHOTS_TABLE} (stream_name, version, revision, last_event_id, last_position, snapshot)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (stream_name) DO UPDATE SET version = excluded.version, revision = excluded.revision,
             last_event_id = excluded.last_event_id, last_position = excluded.last_position, snapshot = excluded.snapshot`,
        ),
        transaction: (write: () => void) => db.transaction(write).immediate(),
      })
    } catch (e) {
      own?.close()
      return left(unavailable(`cannot open the state snapshots at ${where}`, e))
    }
  })()
  if (opened._tag === 'Left')
    log?.warn({ err: opened.left }, 'state snapshots unavailable: none will be kept')
  let pending = new Map<string, StateSnapshot<S>>()
  let scheduled = false
  let closed = false

  const write = (): Either<StoreUnavailable, number> => {
    scheduled = false
    const batch = pending
    pending = new Map()
    if (batch.size === 0) return right(0)
    if (opened._tag === 'Left') return opened
    const { put, transaction, open } = opened.right
    try {
      open()
      transaction(() => {
        for (const s of batch.values())
          put.run(
            s.streamName,
            options.version,
            s.revision,
            s.lastEventId,
            s.lastEventPosition,
            JSON.stringify({ state: s.state, idDigests: s.idDigests }),
          )
      })
      return right(batch.size)
    } catch (e) {
      const error = unavailable('cannot write the state snapshots', e)
      log?.warn({ err: error, snapshots: batch.size }, 'state snapshots not written')
      return left(error)
    }
  }

  return {
    load: (streamName) => async () => {
      if (closed) return left({ _tag: 'StoreUnavailable', message: 'the state snapshots are closed' })
      const held = pending.get(streamName)
      if (held !== undefined) return right(held)
      if (opened._tag === 'Left') return opened
      let row: Row | undefined
      try {
        opened.right.open()
        row = opened.right.get.get(streamName)
      } catch (e) {
        return left(unavailable('cannot read the state snapshots', e))
      }
      if (row === undefined || row.version !== options.version) return right(undefined)
      let parsed: ReturnType<typeof parsedSnapshot<S>>
      try {
        parsed = parsedSnapshot<S>(row.snapshot)
      } catch (e) {
        log?.warn({ err: e, streamName }, 'unreadable state snapshot ignored')
        return right(undefined)
      }
      if (parsed === undefined) {
        log?.warn({ streamName }, 'state snapshot of an unknown shape ignored')
        return right(undefined)
      }
      return right({
        streamName,
        revision: row.revision,
        lastEventId: row.last_event_id,
        lastEventPosition: row.last_position,
        state: parsed.state,
        idDigests: parsed.idDigests,
      })
    },
    save: (snapshot) => {
      if (closed) {
        log?.debug({ streamName: snapshot.streamName }, 'state snapshot saved after close: not kept')
        return
      }
      pending.set(snapshot.streamName, snapshot)
      if (scheduled) return
      scheduled = true
      setImmediate(write)
    },
    flush: () => async () => write(),
    close: async () => {
      if (closed) return
      write()
      closed = true
      own?.close()
    },
  }
}
