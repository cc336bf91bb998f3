import Database from 'better-sqlite3'
import { tryCatch } from 'fp-ts/lib/TaskEither.js'
import {
  type DeadLetter,
  type DocumentsOptions,
  type ProjectionSink,
  sinkFailed,
  whereFields,
} from './projectionSink.js'

// ---------------------------------------------------------------------------------------------
// A SQLite sink (better-sqlite3). Its own tables, prefixed `projection_`, so it may share the file
// of a SQLite event store. One transaction per batch: documents, dead letters and checkpoint are
// written together, so a crash never leaves a read model without its checkpoint or the reverse.
// ---------------------------------------------------------------------------------------------

const schema = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (scope TEXT PRIMARY KEY, position TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS projection_versions (scope TEXT NOT NULL, projection TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (scope, projection));
CREATE TABLE IF NOT EXISTS projection_documents (
  scope TEXT NOT NULL, projection TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL,
  PRIMARY KEY (scope, projection, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS projection_dead_letters (
  scope TEXT NOT NULL, position TEXT NOT NULL, stream_name TEXT NOT NULL, revision TEXT NOT NULL,
  event_type TEXT NOT NULL, reason TEXT NOT NULL, paths TEXT NOT NULL, parked_at TEXT NOT NULL,
  PRIMARY KEY (scope, position)
);
`

interface DocRow {
  readonly projection: string
  readonly key: string
  readonly doc: string
}

interface DeadLetterRow {
  readonly scope: string
  readonly position: string
  readonly stream_name: string
  readonly revision: string
  readonly event_type: string
  readonly reason: string
  readonly paths: string
}

const group = (rows: ReadonlyArray<DocRow>): Record<string, Array<readonly [string, object]>> => {
  const out: Record<string, Array<readonly [string, object]>> = {}
  for (const r of rows) (out[r.projection] ??= []).push([r.key, JSON.parse(r.doc) as object])
  return out
}

const deadLetterOf = (r: DeadLetterRow): DeadLetter & { readonly scope: string } => ({
  scope: r.scope,
  streamName: r.stream_name,
  revision: BigInt(r.revision),
  position: BigInt(r.position),
  eventType: r.event_type,
  reason: r.reason,
  paths: JSON.parse(r.paths) as string[],
})

/** A projection sink in a SQLite file (created if missing, WAL mode). */
export const getSqliteProjectionSink = (options: {
  readonly path: string
  /** How long a commit waits for another writer of the file (another worker). Default 5000 ms. */
  readonly busyTimeoutMs?: number
}): ProjectionSink => {
  const db = new Database(options.path)
  db.pragma('journal_mode = WAL')
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`)
  db.pragma('synchronous = NORMAL')
  db.exec(schema)
  const q = {
    checkpoint: db.prepare<[string], { position: string }>(
      'SELECT position FROM projection_checkpoints WHERE scope = ?',
    ),
    versions: db.prepare<[string], { projection: string; version: number }>(
      'SELECT projection, version FROM projection_versions WHERE scope = ?',
    ),
    docs: db.prepare<[string], DocRow>(
      'SELECT projection, key, doc FROM projection_documents WHERE scope = ?',
    ),
    // A scope's documents of a projection: a range of the primary key.
    docsIn: db.prepare<[string, string], { key: string; doc: string }>(
      'SELECT key, doc FROM projection_documents WHERE scope = ? AND projection = ? ORDER BY key',
    ),
    docAt: db
      .prepare<[string, string, string], string>(
        'SELECT doc FROM projection_documents WHERE scope = ? AND projection = ? AND key = ?',
      )
      .pluck(),
    // The scopes one at a time, each an index seek (there are as many as runners and workers).
    firstScope: db.prepare<[], string | null>('SELECT min(scope) FROM projection_documents').pluck(),
    scopeAfter: db
      .prepare<[string], string | null>('SELECT min(scope) FROM projection_documents WHERE scope > ?')
      .pluck(),
    upsertDoc: db.prepare(
      'INSERT INTO projection_documents (scope, projection, key, doc) VALUES (?, ?, ?, ?) ON CONFLICT (scope, projection, key) DO UPDATE SET doc = excluded.doc',
    ),
    deleteDoc: db.prepare('DELETE FROM projection_documents WHERE scope = ? AND projection = ? AND key = ?'),
    setCheckpoint: db.prepare(
      'INSERT INTO projection_checkpoints (scope, position, updated_at) VALUES (?, ?, ?) ON CONFLICT (scope) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at',
    ),
    park: db.prepare(
      'INSERT OR REPLACE INTO projection_dead_letters (scope, position, stream_name, revision, event_type, reason, paths, parked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    deadLetters: db.prepare<[], DeadLetterRow>(
      'SELECT * FROM projection_dead_letters ORDER BY scope, CAST(position AS INTEGER)',
    ),
    deleteVersions: db.prepare('DELETE FROM projection_versions WHERE scope = ?'),
    setVersion: db.prepare('INSERT INTO projection_versions (scope, projection, version) VALUES (?, ?, ?)'),
  }
  const reset = db.transaction((scope: string, versions: Readonly<Record<string, number>>) => {
    for (const table of [
      'projection_documents',
      'projection_checkpoints',
      'projection_versions',
      'projection_dead_letters',
    ])
      db.prepare(`DELETE FROM ${table} WHERE scope = ?`).run(scope)
    for (const [projection, version] of Object.entries(versions)) q.setVersion.run(scope, projection, version)
  })
  // Documents are serialized before the transaction opens, so the write lock is held for the writes only.
  const write = db.transaction(
    (
      batch: Parameters<ProjectionSink['commit']>[0],
      docs: ReadonlyArray<string | undefined>,
      now: string,
    ) => {
      if (batch.reset !== undefined) reset(batch.scope, batch.reset)
      batch.changes.forEach((c, i) => {
        const doc = docs[i]
        if (doc === undefined) q.deleteDoc.run(batch.scope, c.projection, c.key)
        else q.upsertDoc.run(batch.scope, c.projection, c.key, doc)
      })
      for (const d of batch.deadLetters)
        q.park.run(
          batch.scope,
          String(d.position),
          d.streamName,
          String(d.revision),
          d.eventType,
          d.reason,
          JSON.stringify(d.paths),
          now,
        )
      if (batch.versions !== undefined) {
        q.deleteVersions.run(batch.scope)
        for (const [projection, version] of Object.entries(batch.versions))
          q.setVersion.run(batch.scope, projection, version)
      }
      if (batch.checkpoint !== undefined) q.setCheckpoint.run(batch.scope, String(batch.checkpoint), now)
    },
  )
  const commit = (batch: Parameters<ProjectionSink['commit']>[0]) =>
    write.immediate(
      batch,
      batch.changes.map((c) => (c.doc === undefined ? undefined : JSON.stringify(c.doc))),
      new Date().toISOString(),
    )
  // The keys of a scope's documents whose fields match (SQLite's JSON functions read them: the
  // documents that do not match never become JavaScript objects), one statement per number of fields.
  const keysWhere = new Map<number, Database.Statement<unknown[], string>>()
  const keysMatching = (
    scope: string,
    projection: string,
    fields: ReadonlyArray<readonly [string, string]>,
  ) => {
    let statement = keysWhere.get(fields.length)
    if (statement === undefined) {
      const conditions = fields.map(() => 'json_extract(doc, ?) = ?').join(' AND ')
      statement = db
        .prepare<unknown[], string>(
          `SELECT key FROM projection_documents WHERE scope = ? AND projection = ? AND ${conditions || 'true'}`,
        )
        .pluck()
      keysWhere.set(fields.length, statement)
    }
    return statement.all(scope, projection, ...fields.flatMap(([name, value]) => [`$.${name}`, value]))
  }
  const scopes = (): string[] => {
    const out: string[] = []
    for (let scope = q.firstScope.get(); scope != null; scope = q.scopeAfter.get(scope)) out.push(scope)
    return out
  }
  const documentsOf = (projection: string, options?: DocumentsOptions) => {
    const all = scopes()
    // A scope's rows: its range of the projection, or the matching keys (in any scope) it holds.
    let rowsOf = (scope: string) => q.docsIn.all(scope, projection)
    if (options?.where !== undefined) {
      const fields = whereFields(options.where)
      const keys = [...new Set(all.flatMap((scope) => keysMatching(scope, projection, fields)))].sort()
      rowsOf = (scope) =>
        keys.flatMap((key) => {
          const doc = q.docAt.get(scope, projection, key)
          return doc === undefined ? [] : [{ key, doc }]
        })
    }
    return all
      .map((scope) => ({
        scope,
        docs: rowsOf(scope).map((r) => [r.key, JSON.parse(r.doc) as object] as const),
      }))
      .filter(({ docs }) => docs.length > 0)
  }
  const run = <A>(f: () => A) => tryCatch(async () => f(), sinkFailed)
  return {
    load: (scope, options) =>
      run(() => {
        const cp = q.checkpoint.get(scope)
        return {
          checkpoint: cp === undefined ? undefined : BigInt(cp.position),
          versions: Object.fromEntries(q.versions.all(scope).map((r) => [r.projection, r.version])),
          documents: options?.documents === false ? {} : group(q.docs.all(scope)),
        }
      }),
    reset: (scope, versions) => run(() => reset(scope, versions)),
    commit: (batch) => run(() => commit(batch)),
    documents: (projection, options) => run(() => documentsOf(projection, options)),
    document: (projection, key) =>
      run(() => {
        const found: Array<{ scope: string; doc: object }> = []
        for (const scope of scopes()) {
          const doc = q.docAt.get(scope, projection, key)
          if (doc !== undefined) found.push({ scope, doc: JSON.parse(doc) as object })
        }
        return found
      }),
    deadLetters: (scope) =>
      run(() =>
        q.deadLetters
          .all()
          .filter((r) => scope === undefined || r.scope === scope)
          .map(deadLetterOf),
      ),
    peek: (scope, projection, key) => {
      const doc = q.docAt.get(scope, projection, key)
      return doc === undefined ? undefined : (JSON.parse(doc) as object)
    },
    close: async () => {
      if (db.open) db.close()
    },
  }
}
