import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import { flatten, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { KeyId, KeyStore, KeyStoreError, PersonalKey, YouthId } from '@parcours/domain'
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
    check_value BLOB NOT NULL
  );
  CREATE TABLE IF NOT EXISTS parcours_erased_personal_keys (
    youth_id TEXT PRIMARY KEY,
    key_id TEXT NOT NULL
  );
`

// A short check value tells a damaged key (CorruptKey) from a damaged ciphertext (DecryptionFailed).
const checkValue = (material: Uint8Array): Buffer =>
  createHash('sha256').update('parcours/key-check/v1').update(material).digest().subarray(0, 8)

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * A key store in a SQLite file, apart from the events. Erasure overwrites the key, deletes it with
 * `secure_delete` on (SQLite zeroes the freed bytes, so neither the file nor a VACUUM keeps them)
 * and, in WAL mode, truncates the write-ahead log so no old frame keeps it either; when a reader
 * prevents that, the erasure answers `KeyStoreUnavailable` and erasing again finishes it.
 */
export const getSqliteKeyStore = ({ path, busyTimeoutMs = 5000 }: SqliteKeyStoreOptions): KeyStore => {
  let db: Database.Database | undefined
  let closed = false

  const connect = (): Database.Database => {
    if (db !== undefined) return db
    if (closed) throw new Error('the key store is closed')
    const opened = new Database(path)
    try {
      opened.pragma('secure_delete = ON')
      opened.pragma(`busy_timeout = ${busyTimeoutMs}`)
      opened.exec(schema)
    } catch (error) {
      opened.close()
      throw error
    }
    db = opened
    return opened
  }

  // better-sqlite3 throws: every call goes through the one driver bridge.
  const attempt =
    <A>(what: string, run: (db: Database.Database) => Either<KeyStoreError, A>) =>
    async () =>
      flatten(
        tryDriver(
          () => run(connect()),
          (cause): KeyStoreError => ({
            _tag: 'KeyStoreUnavailable',
            message: `key store ${what} failed: ${messageOf(cause)}`,
            cause,
          }),
        ),
      )

  const tombstone = (db: Database.Database, youthId: YouthId): KeyId | undefined =>
    (
      db.prepare('SELECT key_id FROM parcours_erased_personal_keys WHERE youth_id = ?').get(youthId) as
        { key_id: KeyId } | undefined
    )?.key_id

  const readKey = (
    db: Database.Database,
    youthId: YouthId,
  ): Either<KeyStoreError, PersonalKey> | undefined => {
    const row = db
      .prepare('SELECT key_id, material, check_value FROM parcours_personal_keys WHERE youth_id = ?')
      .get(youthId) as KeyRow | undefined
    if (row === undefined) return undefined
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

  const create: KeyStore['create'] = (key) =>
    attempt('create', (db) =>
      db
        .transaction((): Either<KeyStoreError, PersonalKey> => {
          const erasedKeyId = tombstone(db, key.youthId)
          if (erasedKeyId !== undefined)
            return left({ _tag: 'KeyErased', youthId: key.youthId, keyId: erasedKeyId })
          db.prepare(
            'INSERT OR IGNORE INTO parcours_personal_keys (youth_id, key_id, material, check_value) VALUES (?, ?, ?, ?)',
          ).run(key.youthId, key.keyId, Buffer.from(key.material), checkValue(key.material))
          return readKey(db, key.youthId) ?? left({ _tag: 'KeyNotFound', youthId: key.youthId })
        })
        .immediate(),
    )

  const get: KeyStore['get'] = (youthId, keyId) =>
    attempt('read', (db) => {
      const erasedKeyId = tombstone(db, youthId)
      if (erasedKeyId !== undefined) return left({ _tag: 'KeyErased', youthId, keyId: erasedKeyId })
      const found = readKey(db, youthId)
      const notFound: KeyStoreError =
        keyId === undefined ? { _tag: 'KeyNotFound', youthId } : { _tag: 'KeyNotFound', youthId, keyId }
      if (found === undefined) return left(notFound)
      return found._tag === 'Right' && keyId !== undefined && found.right.keyId !== keyId
        ? left(notFound)
        : found
    })

  const erase: KeyStore['delete'] = (youthId) =>
    attempt('erase', (db) => {
      const result = db
        .transaction(() => {
          const erasedKeyId = tombstone(db, youthId)
          if (erasedKeyId !== undefined) return right({ youthId, keyId: erasedKeyId, erasedNow: false })
          const row = db
            .prepare('SELECT key_id FROM parcours_personal_keys WHERE youth_id = ?')
            .get(youthId) as { key_id: KeyId } | undefined
          if (row === undefined) return left<KeyStoreError>({ _tag: 'KeyNotFound', youthId })
          // Overwrite in place first, so the key's bytes are gone even from pages SQLite keeps.
          db.prepare(
            'UPDATE parcours_personal_keys SET material = zeroblob(?), check_value = zeroblob(8) WHERE youth_id = ?',
          ).run(KEY_BYTES, youthId)
          db.prepare('DELETE FROM parcours_personal_keys WHERE youth_id = ?').run(youthId)
          db.prepare('INSERT INTO parcours_erased_personal_keys (youth_id, key_id) VALUES (?, ?)').run(
            youthId,
            row.key_id,
          )
          return right({ youthId, keyId: row.key_id, erasedNow: true })
        })
        .immediate()
      if (result._tag === 'Right' && db.pragma('journal_mode', { simple: true }) === 'wal') {
        // A reader of an older snapshot (another process) stops the log from being truncated: the
        // key's old frames would stay in it, so the erasure is not done. Erasing again finishes it.
        const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ readonly busy: number }>
        if (checkpoint?.busy !== 0) {
          return left<KeyStoreError>({
            _tag: 'KeyStoreUnavailable',
            message: `the erased key of youth ${youthId} is still in the write-ahead log, held by a reader: erase again`,
          })
        }
      }
      return result
    })

  const close = async (): Promise<void> => {
    closed = true
    db?.close()
    db = undefined
  }

  return { create, get, delete: erase, close }
}
