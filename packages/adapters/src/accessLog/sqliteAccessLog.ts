import Database from 'better-sqlite3'
import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type {
  AccessLog,
  AccessLogAnchor,
  AccessLogError,
  AccessLogPruned,
  AccessLogRetentionTooShort,
  AccessPurpose,
  MissionLocaleId,
  OpenedData,
  RecordedAccess,
  YouthId,
} from '@parcours/domain'
import { brokenLink, NO_ANCHOR, sealEntry, tooShort } from './hashChain.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Where the SQLite access log lives: its own file, apart from the events and the keys. */
export interface SqliteAccessLogOptions {
  readonly path: string
  /** How long a call waits for another connection's lock. Default 5000 ms. */
  readonly busyTimeoutMs?: number
}

interface Row {
  readonly sequence: number
  readonly at: string
  readonly actor: string
  readonly youth_id: string
  readonly mission_locale_id: string
  readonly purpose: string
  readonly opened: string
  readonly hash: string
}

const noDelete = `CREATE TRIGGER IF NOT EXISTS parcours_access_log_no_delete BEFORE DELETE ON parcours_access_log
    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;`

// Triggers refuse every UPDATE and DELETE: through SQLite the log only grows, but for a prune,
// which lifts the delete trigger inside its own transaction and records itself. Whoever edits the
// file itself breaks the hash chain, which every listing checks.
const schema = `
  CREATE TABLE IF NOT EXISTS parcours_access_log (
    sequence INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    youth_id TEXT NOT NULL,
    mission_locale_id TEXT NOT NULL,
    purpose TEXT NOT NULL,
    opened TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE TRIGGER IF NOT EXISTS parcours_access_log_no_update BEFORE UPDATE ON parcours_access_log
    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
  ${noDelete}
  CREATE TABLE IF NOT EXISTS parcours_access_log_prunes (
    up_to_sequence INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    before TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    pruned INTEGER NOT NULL
  );
  CREATE TRIGGER IF NOT EXISTS parcours_access_log_prunes_no_update BEFORE UPDATE ON parcours_access_log_prunes
    BEGIN SELECT RAISE(ABORT, 'the record of prunes is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS parcours_access_log_prunes_no_delete BEFORE DELETE ON parcours_access_log_prunes
    BEGIN SELECT RAISE(ABORT, 'the record of prunes is append-only'); END;
`

const fromRow = (r: Row): RecordedAccess => ({
  sequence: r.sequence,
  at: r.at,
  actor: r.actor,
  youthId: r.youth_id as YouthId,
  missionLocaleId: r.mission_locale_id as MissionLocaleId,
  purpose: r.purpose as AccessPurpose,
  opened: r.opened === '' ? [] : (r.opened.split(',') as OpenedData[]),
  hash: r.hash,
})

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/** An append-only, hash-chained access log in a SQLite file. */
export const getSqliteAccessLog = ({ path, busyTimeoutMs = 5000 }: SqliteAccessLogOptions): AccessLog => {
  let db: Database.Database | undefined
  let closed = false

  const connect = (): Database.Database => {
    if (db !== undefined) return db
    if (closed) throw new Error('the access log is closed')
    const opened = new Database(path)
    try {
      opened.pragma(`busy_timeout = ${busyTimeoutMs}`)
      opened.exec(schema)
    } catch (error) {
      opened.close()
      throw error
    }
    db = opened
    return opened
  }

  // better-sqlite3 throws; this is the one bridge from its errors to the port's.
  const attempt =
    <E, A>(what: string, run: (db: Database.Database) => Either<E | AccessLogError, A>) =>
    async (): Promise<Either<E | AccessLogError, A>> => {
      try {
        return run(connect())
      } catch (cause) {
        return left({
          _tag: 'AccessLogUnavailable',
          message: `access log ${what} failed: ${(cause as Error).message}`,
        })
      }
    }

  const all = (d: Database.Database): RecordedAccess[] =>
    (d.prepare('SELECT * FROM parcours_access_log ORDER BY sequence').all() as Row[]).map(fromRow)
  const anchorOf = (d: Database.Database): AccessLogAnchor => {
    const a = d
      .prepare(
        'SELECT up_to_sequence AS sequence, hash FROM parcours_access_log_prunes ORDER BY up_to_sequence DESC LIMIT 1',
      )
      .get() as AccessLogAnchor | undefined
    return a ?? NO_ANCHOR
  }

  return {
    record: (entry) =>
      attempt('write', (d) =>
        d
          .transaction((): Either<AccessLogError, RecordedAccess> => {
            const last = d
              .prepare('SELECT sequence, hash FROM parcours_access_log ORDER BY sequence DESC LIMIT 1')
              .get() as Pick<Row, 'sequence' | 'hash'> | undefined
            const from = last ?? anchorOf(d)
            const recorded = sealEntry(from.hash, from.sequence + 1, entry)
            d.prepare(
              'INSERT INTO parcours_access_log (sequence, at, actor, youth_id, mission_locale_id, purpose, opened, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            ).run(
              recorded.sequence,
              recorded.at,
              recorded.actor,
              recorded.youthId,
              recorded.missionLocaleId,
              recorded.purpose,
              recorded.opened.join(','),
              recorded.hash,
            )
            return right(recorded)
          })
          .immediate(),
      ),
    list: ({ missionLocaleId }) =>
      attempt('read', (d) => {
        const entries = all(d)
        const broken = brokenLink(entries, anchorOf(d))
        return broken === undefined
          ? right(entries.filter((e) => e.missionLocaleId === missionLocaleId))
          : left(broken)
      }),
    prune: ({ before, notAfter, at, actor }) =>
      attempt('prune', (d) =>
        d
          .transaction((): Either<AccessLogError | AccessLogRetentionTooShort, AccessLogPruned> => {
            const anchor = anchorOf(d)
            const refused = tooShort(before, notAfter) ?? brokenLink(all(d), anchor)
            if (refused !== undefined) return left(refused)
            const lastOld = d
              .prepare(
                'SELECT sequence, hash, (SELECT COUNT(*) FROM parcours_access_log WHERE at < ?) AS n FROM parcours_access_log WHERE at < ? ORDER BY sequence DESC LIMIT 1',
              )
              .get(before, before) as { sequence: number; hash: string; n: number } | undefined
            if (lastOld === undefined) return right({ pruned: 0, before, anchor })
            d.prepare(
              'INSERT INTO parcours_access_log_prunes (up_to_sequence, hash, before, at, actor, pruned) VALUES (?, ?, ?, ?, ?, ?)',
            ).run(lastOld.sequence, lastOld.hash, before, at, actor, lastOld.n)
            d.exec('DROP TRIGGER parcours_access_log_no_delete')
            d.prepare('DELETE FROM parcours_access_log WHERE sequence <= ?').run(lastOld.sequence)
            d.exec(noDelete)
            return right({
              pruned: lastOld.n,
              before,
              anchor: { sequence: lastOld.sequence, hash: lastOld.hash },
            })
          })
          .immediate(),
      ),
    close: async () => {
      closed = true
      db?.close()
      db = undefined
    },
  }
}
