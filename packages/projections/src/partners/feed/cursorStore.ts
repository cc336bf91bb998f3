import Database from 'better-sqlite3'
import { tryCatch, type TaskEither } from 'fp-ts/lib/TaskEither.js'

// ---------------------------------------------------------------------------------------------
// model: where each partner's cursor lives — the last feed position it acknowledged. A cursor
// moves only when its partner acknowledges (or asks to replay): never on delivery. It is apart
// from the read models, so a rebuild of the feed (which numbers the notices the same way) keeps it.
// ---------------------------------------------------------------------------------------------

/** The cursor store could not be read or written. */
export interface CursorStoreFailed {
  readonly _tag: 'CursorStoreFailed'
  readonly message: string
}

/** The partners' cursors. */
export interface FeedCursorStore {
  /** The last position the partner acknowledged; 0 when it never did. */
  readonly get: (partnerId: string) => TaskEither<CursorStoreFailed, number>
  /** Sets the partner's cursor, durably before it resolves. */
  readonly set: (partnerId: string, position: number) => TaskEither<CursorStoreFailed, void>
  /** Closes its database, when it has one; every write was durable before it resolved. */
  readonly close: () => void
}

const failed = (e: unknown): CursorStoreFailed => ({
  _tag: 'CursorStoreFailed',
  message: e instanceof Error ? e.message : String(e),
})

/** Cursors in memory (tests, a memory store). */
export const getInMemoryCursorStore = (): FeedCursorStore => {
  const cursors = new Map<string, number>()
  const task = <A>(f: () => A) => tryCatch(async () => f(), failed)
  return {
    get: (id) => task(() => cursors.get(id) ?? 0),
    set: (id, position) => task(() => void cursors.set(id, position)),
    close: () => undefined,
  }
}

/** Cursors in a SQLite file (its own table, so it may share the read models' file). */
export const getSqliteCursorStore = (options: { readonly path: string }): FeedCursorStore => {
  const db = new Database(options.path, { timeout: 5000 })
  db.pragma('journal_mode = WAL')
  db.exec(
    'CREATE TABLE IF NOT EXISTS partner_feed_cursors (partner TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at TEXT NOT NULL)',
  )
  const select = db.prepare<[string], { position: number }>(
    'SELECT position FROM partner_feed_cursors WHERE partner = ?',
  )
  const upsert = db.prepare<[string, number, string]>(
    'INSERT INTO partner_feed_cursors (partner, position, updated_at) VALUES (?, ?, ?) ON CONFLICT (partner) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at',
  )
  const task = <A>(f: () => A) => tryCatch(async () => f(), failed)
  return {
    get: (id) => task(() => select.get(id)?.position ?? 0),
    set: (id, position) => task(() => void upsert.run(id, position, new Date().toISOString())),
    close: () => db.close(),
  }
}
