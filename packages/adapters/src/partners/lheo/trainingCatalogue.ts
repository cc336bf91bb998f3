import Database from 'better-sqlite3'
import { tryCatch, type TaskEither } from 'fp-ts/lib/TaskEither.js'
import { messageOf } from '../../interop/tryDriver.js'
import type { CatalogueKind, CatalogueRecord, SessionRecord } from './lheoRecords.js'

// ---------------------------------------------------------------------------------------------
// model: the training catalogue — organismes, formations, actions and sessions keyed by their
// LHEO ids. Recording a record already held as it is writes nothing (a duplicate); one whose
// content changed replaces it. A formation's records are written together or not at all.
// ---------------------------------------------------------------------------------------------

/** The catalogue could not be read or written. */
export interface CatalogueFailed {
  readonly _tag: 'CatalogueFailed'
  readonly message: string
}

/** What recording some records did. */
export interface RecordCounts {
  /** New, or changed and replaced. */
  readonly recorded: number
  /** Held already as they are: nothing written. */
  readonly duplicated: number
}

/** The training catalogue. */
export interface TrainingCatalogue {
  /** Records these, in one transaction. */
  readonly record: (records: ReadonlyArray<CatalogueRecord>) => TaskEither<CatalogueFailed, RecordCounts>
  /** The records of a kind, by id. */
  readonly list: <K extends CatalogueKind>(
    kind: K,
  ) => TaskEither<CatalogueFailed, ReadonlyArray<Extract<CatalogueRecord, { kind: K }>>>
  /** A session by its action's and its own LHEO id. */
  readonly session: (
    actionId: string,
    sessionId: string,
  ) => TaskEither<CatalogueFailed, SessionRecord | undefined>
  /** Closes its database, when it has one; every write was durable before it resolved. */
  readonly close: () => void
}

const failed = (e: unknown): CatalogueFailed => ({ _tag: 'CatalogueFailed', message: messageOf(e) })
const sameOrder = (a: CatalogueRecord, b: CatalogueRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** A catalogue in memory (tests, a memory store). */
export const getInMemoryTrainingCatalogue = (): TrainingCatalogue => {
  const held = new Map<string, { readonly record: CatalogueRecord; readonly json: string }>()
  const task = <A>(f: () => A) => tryCatch(async () => f(), failed)
  return {
    record: (records) =>
      task(() => {
        let recorded = 0
        for (const r of records) {
          const key = `${r.kind}\u0000${r.id}`
          const json = JSON.stringify(r)
          if (held.get(key)?.json === json) continue
          held.set(key, { record: r, json })
          recorded++
        }
        return { recorded, duplicated: records.length - recorded }
      }),
    list: (kind) =>
      task(() =>
        [...held.values()]
          .map((h) => h.record)
          .filter((r): r is Extract<CatalogueRecord, { kind: typeof kind }> => r.kind === kind)
          .sort(sameOrder),
      ),
    session: (actionId, sessionId) =>
      task(() => held.get(`session\u0000${actionId}/${sessionId}`)?.record as SessionRecord | undefined),
    close: () => undefined,
  }
}

/** A catalogue in a SQLite file (created if missing, WAL mode). */
export const getSqliteTrainingCatalogue = (options: { readonly path: string }): TrainingCatalogue => {
  const db = new Database(options.path, { timeout: 5000 })
  db.pragma('journal_mode = WAL')
  db.exec(
    'CREATE TABLE IF NOT EXISTS training_catalogue (kind TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID',
  )
  const upsert = db.prepare<[string, string, string]>(
    'INSERT INTO training_catalogue (kind, id, doc) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET doc = excluded.doc WHERE doc <> excluded.doc',
  )
  const byKind = db.prepare<[string], { doc: string }>(
    'SELECT doc FROM training_catalogue WHERE kind = ? ORDER BY id',
  )
  const one = db.prepare<[string, string], { doc: string }>(
    'SELECT doc FROM training_catalogue WHERE kind = ? AND id = ?',
  )
  const recordAll = db.transaction((records: ReadonlyArray<CatalogueRecord>): RecordCounts => {
    let recorded = 0
    for (const r of records) recorded += upsert.run(r.kind, r.id, JSON.stringify(r)).changes
    return { recorded, duplicated: records.length - recorded }
  })
  const task = <A>(f: () => A) => tryCatch(async () => f(), failed)
  return {
    record: (records) => task(() => recordAll(records)),
    list: (kind) =>
      task(() =>
        byKind.all(kind).map((r) => JSON.parse(r.doc) as Extract<CatalogueRecord, { kind: typeof kind }>),
      ),
    session: (actionId, sessionId) =>
      task(() => {
        const row = one.get('session', `${actionId}/${sessionId}`)
        return row === undefined ? undefined : (JSON.parse(row.doc) as SessionRecord)
      }),
    close: () => db.close(),
  }
}
