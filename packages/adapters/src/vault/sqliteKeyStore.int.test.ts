import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { isLeft, type Either } from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PersonalKey, YouthId } from '@parcours/domain'
import { getSqliteKeyStore } from './sqliteKeyStore.js'
import { createVault } from './vault.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parcours-keys-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const ok = async <A>(task: () => Promise<Either<{ readonly _tag: string }, A>>): Promise<A> => {
  const result = await task()
  if (isLeft(result)) throw new Error(`unexpected ${result.left._tag}`)
  return result.right
}

/** Every byte SQLite keeps for a database: the file and its journal or write-ahead log. */
const rawBytes = (path: string): Buffer =>
  Buffer.concat(
    [path, `${path}-wal`, `${path}-journal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)),
  )

const youth = (n: number) => `youth-${n}` as YouthId

describe('getSqliteKeyStore', () => {
  it('keeps keys across reopening and says Erased, not missing, after erasure', async () => {
    const path = join(dir, 'keys.db')
    const first = getSqliteKeyStore({ path })
    const vault = createVault({ keyStore: first })
    const sealed = await ok(vault.seal(youth(1), { firstName: 'Jeanne' }))
    await first.close()

    const second = getSqliteKeyStore({ path })
    const reopened = createVault({ keyStore: second })
    expect(await reopened.open(sealed, youth(1))()).toEqual({
      _tag: 'Right',
      right: { _tag: 'Opened', fields: { firstName: 'Jeanne' } },
    })
    await ok(reopened.eraseKey(youth(1)))
    await second.close()

    const third = getSqliteKeyStore({ path })
    expect(await createVault({ keyStore: third }).open(sealed, youth(1))()).toEqual({
      _tag: 'Right',
      right: { _tag: 'Erased', keyId: sealed.keyId },
    })
    expect(await third.get(youth(1))()).toEqual({
      _tag: 'Left',
      left: { _tag: 'KeyErased', youthId: youth(1), keyId: sealed.keyId },
    })
    await third.close()
  })

  for (const journalMode of ['delete', 'wal'] as const) {
    it(`leaves no byte of an erased key in the file (${journalMode} journal), even after VACUUM`, async () => {
      const path = join(dir, `keys-${journalMode}.db`)
      // A file shared with an event store may already be in WAL mode.
      const setup = new Database(path)
      setup.pragma(`journal_mode = ${journalMode}`)
      setup.close()

      const store = getSqliteKeyStore({ path })
      const vault = createVault({ keyStore: store })
      const keys: PersonalKey[] = []
      for (let n = 0; n < 40; n++) {
        await ok(vault.seal(youth(n), { comment: `note ${n}` }))
        keys.push(await ok(store.get(youth(n))))
      }
      const erasedKeys = keys.filter((_, n) => n % 3 === 0)
      const keptKeys = keys.filter((_, n) => n % 3 !== 0)
      const contains = (bytes: Buffer, key: PersonalKey) => bytes.includes(Buffer.from(key.material))

      expect(erasedKeys.every((key) => contains(rawBytes(path), key))).toBe(true)
      for (const key of erasedKeys) await ok(vault.eraseKey(key.youthId))

      const afterErasure = rawBytes(path)
      expect(erasedKeys.filter((key) => contains(afterErasure, key))).toEqual([])
      expect(keptKeys.every((key) => contains(afterErasure, key))).toBe(true)
      await store.close()

      const vacuum = new Database(path)
      vacuum.exec('VACUUM')
      vacuum.close()
      expect(erasedKeys.filter((key) => contains(rawBytes(path), key))).toEqual([])
    })
  }

  it('never reports an erasure done while a reader keeps the key in the write-ahead log; erasing again finishes it', async () => {
    const path = join(dir, 'shared.db')
    const setup = new Database(path)
    setup.pragma('journal_mode = wal')
    setup.close()
    const store = getSqliteKeyStore({ path, busyTimeoutMs: 50 })
    const key: PersonalKey = {
      youthId: youth(1),
      keyId: 'key-1' as PersonalKey['keyId'],
      material: new Uint8Array(32).fill(0xa5),
    }
    await ok(store.create(key))
    const walHoldsKey = () => readFileSync(`${path}-wal`).includes(Buffer.from(key.material))
    expect(walHoldsKey()).toBe(true)
    // Another process of a deployment that shares the file, in the middle of a read.
    const reader = new Database(path)
    try {
      reader.exec('BEGIN')
      reader.prepare('SELECT count(*) FROM parcours_personal_keys').get()
      const whileRead = await store.delete(youth(1))()
      expect({ erased: whileRead._tag, walHoldsKey: walHoldsKey() }).not.toEqual({
        erased: 'Right',
        walHoldsKey: true,
      })
      expect(whileRead).toMatchObject({ _tag: 'Left', left: { _tag: 'KeyStoreUnavailable' } })
      expect(await store.get(youth(1))()).toMatchObject({ _tag: 'Left', left: { _tag: 'KeyErased' } })
      reader.exec('COMMIT')
      expect(await store.delete(youth(1))()).toEqual({
        _tag: 'Right',
        right: { youthId: youth(1), keyId: key.keyId, erasedNow: false },
      })
      expect(rawBytes(path).includes(Buffer.from(key.material))).toBe(false)
    } finally {
      reader.close()
      await store.close()
    }
  })

  it('gives CorruptKey for a damaged key, for that young person only', async () => {
    const path = join(dir, 'keys.db')
    const store = getSqliteKeyStore({ path })
    const vault = createVault({ keyStore: store })
    const damaged = await ok(vault.seal(youth(1), { lastName: 'Martin' }))
    const intact = await ok(vault.seal(youth(2), { lastName: 'Bernard' }))
    const db = new Database(path)
    db.prepare('UPDATE parcours_personal_keys SET material = randomblob(32) WHERE youth_id = ?').run(youth(1))
    db.close()

    expect(await vault.open(damaged, youth(1))()).toEqual({
      _tag: 'Left',
      left: { _tag: 'CorruptKey', youthId: youth(1), keyId: damaged.keyId },
    })
    expect(await vault.open(intact, youth(2))()).toEqual({
      _tag: 'Right',
      right: { _tag: 'Opened', fields: { lastName: 'Bernard' } },
    })
    await store.close()
  })

  it('refuses calls once closed rather than opening the file again', async () => {
    const store = getSqliteKeyStore({ path: join(dir, 'keys.db') })
    await ok(createVault({ keyStore: store }).seal(youth(1), { firstName: 'Jeanne' }))
    await store.close()
    const result = await store.get(youth(1))()
    expect(isLeft(result) && result.left._tag).toBe('KeyStoreUnavailable')
  })

  it('reports a file it cannot open as KeyStoreUnavailable, without throwing', async () => {
    const store = getSqliteKeyStore({ path: join(dir, 'missing-dir', 'keys.db') })
    const result = await store.get(youth(1))()
    expect(isLeft(result) && result.left._tag).toBe('KeyStoreUnavailable')
    await store.close()
  })
})
