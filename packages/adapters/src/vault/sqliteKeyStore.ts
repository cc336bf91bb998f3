import { createHash } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { flatten, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { KeyId, KeyStore, KeyStoreError, PersonalKey, StoredKey, YouthId } from '@parcours/domain'
import { messageOf, tryDriver } from '../interop/index.js'
import { KEY_BYTES } from './cipher.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Where the SQLite key store lives: its own file (recommended) or a file shared with the events. */
export interface SqliteKeyStoreOptions {
  readonly path: string
  /** How long a call waits for another connection's lock (and an erasure for readers). Default 5000 ms. */
  readonly busyTimeoutMs?: number
  /**
   * Open an existing key store only: a missing file, an empty one or one without the key tables
   * answers `KeyStoreUnavailable` on every call, and nothing is created. Default false: the file
   * and its tables are created on first use (for the code that registers young people).
   */
  readonly mustExist?: boolean
  /** The clock that dates each new key (`createdAt`); the system clock by default. */
  readonly now?: () => Date
  /**
   * What a created key survives (the file is in WAL mode, and a creation is acknowledged only
   * once its transaction has committed):
   * - `'FULL'` (the default): also an operating-system crash or a power loss; the write-ahead log
   *   is synced at every commit, so the key is on the disk before any event sealed with it is
   *   written.
   * - `'NORMAL'`: a crash of the process. On an operating-system crash or a power loss the keys
   *   created since the last checkpoint may roll back while events sealed with them survive in
   *   the event store (their personal fields would then read as `KeyNotFound`).
   * Erasure is the same either way: it truncates the write-ahead log, which syncs.
   */
  readonly synchronous?: 'NORMAL' | 'FULL'
}

interface KeyRow {
  readonly key_id: string
  readonly material: Buffer | null
  readonly check_value: Buffer | null
}

// Keys and tombstones sit in separate tables: an erased key's row is deleted, not updated, so
// secure_delete zeroes its cell, and no column of a live table ever held it.
const schema = `
  CREATE TABLE IF NOT EXISTS parcours_personal_keys (
    youth_id TEXT PRIMARY KEY,
    key_id TEXT NOT NULL,
    material BLOB NOT NULL,
    check_value BLOB NOT NULL,
    created_at TEXT
  );
  CREATE TABLE IF NOT EXISTS parcours_erased_personal_keys (
    youth_id TEXT PRIMARY KEY,
    key_id TEXT NOT NULL
  );
`

// Why a key store cannot be used at all, as the one line its errors carry.
class KeyStoreOpenError extends Error {}

const KEY_TABLES = ['parcours_personal_keys', 'parcours_erased_personal_keys']

// An existing file is checked, never created or given tables: a missing or foreign file is refused.
const checkExisting = (path: string, db: Database.Database): void => {
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map(
      (t) => t.name,
    ),
  )
  if (!KEY_TABLES.every((t) => tables.has(t)))
    throw new KeyStoreOpenError(
      statSync(path).size === 0
        ? `the key store ${path} is an empty file, not a Parcours key store`
        : `${path} is not a Parcours key store (it has no key tables)`,
    )
}

// Key stores written before keys were dated get the column; their keys read `createdAt: null`.
const migrate = (db: Database.Database): void => {
  const columns = db.prepare('PRAGMA table_info(parcours_personal_keys)').all() as Array<{ name: string }>
  if (!columns.some((c) => c.name === 'created_at'))
    db.exec('ALTER TABLE parcours_personal_keys ADD COLUMN created_at TEXT')
}

/** At most this many creations go into one transaction of the group commit. */
const MAX_BATCH_CREATES = 256

/** What a key store call answers. */
type KeyResult = Either<KeyStoreError, PersonalKey>

/** A read: whose key, and which one when the caller names it. */
interface KeyRead {
  readonly youthId: YouthId
  readonly keyId?: KeyId
}

/**
 * Calls made together, answered together: the first one queued schedules a microtask that
 * answers every queued call, at most `max` at a time, each with its own result (`answer` gives
 * them in the order of its input); `flush` answers them at once. One call awaited at a time
 * waits for no timer.
 */
const grouped = <Q>(max: number, answer: (batch: ReadonlyArray<Q>) => ReadonlyArray<KeyResult>) => {
  let queued: Array<{ readonly ask: Q; readonly resolve: (result: KeyResult) => void }> = []
  let scheduled = false
  const flush = (): void => {
    scheduled = false
    while (queued.length > 0) {
      const batch = queued.slice(0, max)
      queued = queued.slice(max)
      const results = answer(batch.map((pending) => pending.ask))
      batch.forEach((pending, i) => pending.resolve(results[i] as KeyResult))
    }
  }
  const call = (ask: Q): Promise<KeyResult> =>
    new Promise((resolve) => {
      queued.push({ ask, resolve })
      if (scheduled) return
      scheduled = true
      queueMicrotask(flush)
    })
  return { call, flush }
}

// A short check value tells a damaged key (CorruptKey) from a damaged ciphertext (DecryptionFailed).
const checkValue = (material: Uint8Array): Buffer =>
  createHash('sha256').update('parcours/key-check/v1').update(material).digest().subarray(0, 8)

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * A key store in a SQLite file, apart from the events, in WAL mode (a file left in rollback-journal
 * mode is switched to WAL on open). Key creations are written by group commit: those made together
 * (in one turn of the event loop) share one IMMEDIATE transaction, at most 256 of them, each with
 * its own result, and each is acknowledged only once that transaction has committed (if the
 * commit fails, all of them answer `KeyStoreUnavailable` and none is stored); every other call
 * first commits the creations made before it. Reads made together are answered in one read
 * transaction (a statement outside one begins and ends its own). Erasure overwrites the key,
 * deletes it with `secure_delete` on (SQLite zeroes the freed bytes, so neither the file nor a
 * VACUUM keeps them) and truncates the write-ahead log (a TRUNCATE checkpoint) so no old frame
 * keeps it either; when a reader prevents that, the erasure answers `KeyStoreUnavailable` and
 * erasing again finishes it.
 */
export const getSqliteKeyStore = ({
  path,
  busyTimeoutMs = 5000,
  mustExist = false,
  now = () => new Date(),
  synchronous = 'FULL',
}: SqliteKeyStoreOptions): KeyStore => {
  let db: Database.Database | undefined
  let closed = false

  const connect = (): Database.Database => {
    if (db !== undefined) return db
    if (closed) throw new Error('the key store is closed')
    if (mustExist && !existsSync(path))
      throw new KeyStoreOpenError(`no key store at ${path}: it is created by registering a young person`)
    // A value from outside TypeScript (a config file) must not weaken what a creation survives.
    if (synchronous !== 'NORMAL' && synchronous !== 'FULL')
      throw new KeyStoreOpenError(
        `key store ${path}: synchronous must be 'NORMAL' or 'FULL', not ${JSON.stringify(synchronous)}`,
      )
    const opened = new Database(path, { fileMustExist: mustExist })
    try {
      opened.pragma('secure_delete = ON')
      opened.pragma(`busy_timeout = ${busyTimeoutMs}`)
      if (mustExist) checkExisting(path, opened)
      else opened.exec(schema)
      // One write and one sync per commit, where a rollback journal costs about four syncs and
      // the journal file's creation and deletion. Erasure truncates the log (walTruncated).
      opened.pragma('journal_mode = WAL')
      opened.pragma(`synchronous = ${synchronous}`)
      migrate(opened)
    } catch (error) {
      opened.close()
      throw error
    }
    db = opened
    return opened
  }

  const failure = (what: string, cause: unknown): KeyStoreError => ({
    _tag: 'KeyStoreUnavailable',
    message:
      cause instanceof KeyStoreOpenError
        ? cause.message
        : `key store ${path}: ${what} failed: ${messageOf(cause)}`,
    cause,
  })

  // better-sqlite3 throws: every call goes through the one driver bridge. A call sees every
  // creation made before it: those still queued are committed first.
  const attempt =
    <A>(what: string, run: (db: Database.Database) => Either<KeyStoreError, A>) =>
    async () => {
      creations.flush()
      reads.flush()
      return flatten(
        tryDriver(
          () => run(connect()),
          (cause) => failure(what, cause),
        ),
      )
    }

  // Statements are prepared once per connection: a key is read for every command on a journey.
  const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()
  const statement = (db: Database.Database, sql: string): Database.Statement => {
    let own = statements.get(db)
    if (own === undefined) statements.set(db, (own = new Map()))
    let prepared = own.get(sql)
    if (prepared === undefined) own.set(sql, (prepared = db.prepare(sql)))
    return prepared
  }

  const tombstone = (db: Database.Database, youthId: YouthId): KeyId | undefined =>
    (
      statement(db, 'SELECT key_id FROM parcours_erased_personal_keys WHERE youth_id = ?').get(youthId) as
        { key_id: KeyId } | undefined
    )?.key_id

  /** A stored key as the vault takes it: a damaged one is `CorruptKey`. */
  const keyOf = (youthId: YouthId, row: KeyRow): Either<KeyStoreError, PersonalKey> => {
    const keyId = row.key_id as KeyId
    const intact =
      row.material !== null &&
      row.check_value !== null &&
      row.material.length === KEY_BYTES &&
      checkValue(row.material).equals(row.check_value)
    return intact
      ? right({ youthId, keyId, material: Buffer.from(row.material) })
      : left({ _tag: 'CorruptKey', youthId, keyId })
  }

  const readKey = (
    db: Database.Database,
    youthId: YouthId,
  ): Either<KeyStoreError, PersonalKey> | undefined => {
    const row = statement(
      db,
      'SELECT key_id, material, check_value FROM parcours_personal_keys WHERE youth_id = ?',
    ).get(youthId) as KeyRow | undefined
    return row === undefined ? undefined : keyOf(youthId, row)
  }

  /** The tombstone and the key of a young person, in one query (a read for every command). */
  const tombstoneAndKey = (
    db: Database.Database,
    youthId: YouthId,
  ): { readonly erased: KeyId | null; readonly key: KeyRow | undefined } => {
    const row = statement(
      db,
      `SELECT e.key_id AS erased, k.key_id, k.material, k.check_value
         FROM (SELECT ? AS youth_id) AS asked
         LEFT JOIN parcours_erased_personal_keys AS e ON e.youth_id = asked.youth_id
         LEFT JOIN parcours_personal_keys AS k ON k.youth_id = asked.youth_id`,
    ).get(youthId) as { erased: KeyId | null; key_id: string | null } & Omit<KeyRow, 'key_id'>
    return {
      erased: row.erased,
      key:
        row.key_id === null
          ? undefined
          : { key_id: row.key_id, material: row.material, check_value: row.check_value },
    }
  }

  /** One creation, inside the group's transaction: a key already stored for them is kept. */
  const createOne = (db: Database.Database, key: PersonalKey): Either<KeyStoreError, PersonalKey> => {
    const erasedKeyId = tombstone(db, key.youthId)
    if (erasedKeyId !== undefined)
      return left({ _tag: 'KeyErased', youthId: key.youthId, keyId: erasedKeyId })
    statement(
      db,
      'INSERT OR IGNORE INTO parcours_personal_keys (youth_id, key_id, material, check_value, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(key.youthId, key.keyId, Buffer.from(key.material), checkValue(key.material), now().toISOString())
    return readKey(db, key.youthId) ?? left({ _tag: 'KeyNotFound', youthId: key.youthId })
  }

  /**
   * Writes a batch of creations in one IMMEDIATE transaction. A failed statement fails its own
   * creation (one INSERT, atomic by itself); a transaction that cannot begin or commit fails them
   * all, and none is stored.
   */
  const commitCreates = (batch: ReadonlyArray<PersonalKey>): ReadonlyArray<KeyResult> => {
    try {
      const db = connect()
      return db
        .transaction(() =>
          batch.map((key): KeyResult => {
            try {
              return createOne(db, key)
            } catch (cause) {
              if (!db.inTransaction) throw cause
              return left(failure('create', cause))
            }
          }),
        )
        .immediate()
    } catch (cause) {
      const error = failure('create', cause)
      return batch.map(() => left(error))
    }
  }

  // As in the SQLite event store: creations made together (concurrent registrations) share a
  // commit and its sync.
  const creations = grouped(MAX_BATCH_CREATES, commitCreates)
  const create: KeyStore['create'] = (key) => () => creations.call(key)

  /** One read, inside the group's read transaction (or alone); a failed statement fails it alone. */
  const readOne = (db: Database.Database, { youthId, keyId }: KeyRead): KeyResult => {
    try {
      const { erased, key } = tombstoneAndKey(db, youthId)
      if (erased !== null) return left({ _tag: 'KeyErased', youthId, keyId: erased })
      const found = key === undefined ? undefined : keyOf(youthId, key)
      const notFound: KeyStoreError =
        keyId === undefined ? { _tag: 'KeyNotFound', youthId } : { _tag: 'KeyNotFound', youthId, keyId }
      if (found === undefined) return left(notFound)
      return found._tag === 'Right' && keyId !== undefined && found.right.keyId !== keyId
        ? left(notFound)
        : found
    } catch (cause) {
      return left(failure('read', cause))
    }
  }

  /**
   * Answers a group of reads, after committing the creations made before them, in one read
   * transaction: each statement outside one begins and ends its own, which costs about twice the
   * query (14 µs a read alone, 5 µs inside a transaction, on the two-core machine).
   */
  const readAll = (batch: ReadonlyArray<KeyRead>): ReadonlyArray<KeyResult> => {
    creations.flush()
    try {
      const db = connect()
      return batch.length === 1
        ? [readOne(db, batch[0] as KeyRead)]
        : db.transaction(() => batch.map((read) => readOne(db, read))).deferred()
    } catch (cause) {
      const error = failure('read', cause)
      return batch.map(() => left(error))
    }
  }

  // Reads made together (the command handlers woken by one commit, each opening a journey's age
  // limits) are answered together.
  const reads = grouped(Number.POSITIVE_INFINITY, readAll)
  const get: KeyStore['get'] = (youthId, keyId) => () =>
    reads.call(keyId === undefined ? { youthId } : { youthId, keyId })

  // Overwritten in place first, so the key's bytes are gone even from pages SQLite keeps.
  const shred = (db: Database.Database, youthId: YouthId): void => {
    statement(
      db,
      'UPDATE parcours_personal_keys SET material = zeroblob(?), check_value = zeroblob(8) WHERE youth_id = ?',
    ).run(KEY_BYTES, youthId)
    statement(db, 'DELETE FROM parcours_personal_keys WHERE youth_id = ?').run(youthId)
  }

  // A reader of an older snapshot (another process) stops the log from being truncated: the key's
  // old frames would stay in it, so the removal is not done. Doing it again finishes it.
  const walTruncated = <A>(
    db: Database.Database,
    youthId: YouthId,
    what: string,
    done: A,
  ): Either<KeyStoreError, A> => {
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') return right(done)
    const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ readonly busy: number }>
    return checkpoint?.busy === 0
      ? right(done)
      : left({
          _tag: 'KeyStoreUnavailable',
          message: `the ${what} key of youth ${youthId} is still in the write-ahead log, held by a reader: ${what === 'erased' ? 'erase' : 'discard'} again`,
        })
  }

  const erase: KeyStore['delete'] = (youthId) =>
    attempt('erase', (db) => {
      const result = db
        .transaction(() => {
          const erasedKeyId = tombstone(db, youthId)
          if (erasedKeyId !== undefined) return right({ youthId, keyId: erasedKeyId, erasedNow: false })
          const row = statement(db, 'SELECT key_id FROM parcours_personal_keys WHERE youth_id = ?').get(
            youthId,
          ) as { key_id: KeyId } | undefined
          if (row === undefined) return left<KeyStoreError>({ _tag: 'KeyNotFound', youthId })
          shred(db, youthId)
          statement(db, 'INSERT INTO parcours_erased_personal_keys (youth_id, key_id) VALUES (?, ?)').run(
            youthId,
            row.key_id,
          )
          return right({ youthId, keyId: row.key_id, erasedNow: true })
        })
        .immediate()
      return result._tag === 'Right' ? walTruncated(db, youthId, 'erased', result.right) : result
    })

  const discard: KeyStore['discard'] = (youthId, keyId) =>
    attempt('discard', (db) => {
      const removed = db
        .transaction((): boolean => {
          const row = statement(db, 'SELECT key_id FROM parcours_personal_keys WHERE youth_id = ?').get(
            youthId,
          ) as { key_id: KeyId } | undefined
          if (row?.key_id !== keyId) return false
          shred(db, youthId)
          return true
        })
        .immediate()
      return removed ? walTruncated(db, youthId, 'discarded', true) : right(false)
    })

  const list: KeyStore['list'] = () =>
    attempt('list', (db) =>
      right(
        (
          statement(
            db,
            'SELECT youth_id, key_id, created_at FROM parcours_personal_keys ORDER BY youth_id',
          ).all() as Array<{ youth_id: YouthId; key_id: KeyId; created_at: string | null }>
        ).map((r): StoredKey => ({ youthId: r.youth_id, keyId: r.key_id, createdAt: r.created_at })),
      ),
    )

  const close = async (): Promise<void> => {
    // Creations and reads made before the close are answered before the file closes.
    creations.flush()
    reads.flush()
    closed = true
    db?.close()
    db = undefined
  }

  return { create, get, delete: erase, discard, list, close }
}
