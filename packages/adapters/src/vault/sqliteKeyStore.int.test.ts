import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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
    it(`leaves no byte of an erased key in the file or its log (a file made in ${journalMode} journal mode), even after VACUUM`, async () => {
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

  it('switches a rollback-journal file to WAL, and leaves the write-ahead log empty after an erasure', async () => {
    const path = join(dir, 'keys.db')
    const setup = new Database(path)
    setup.pragma('journal_mode = delete')
    setup.close()
    const store = getSqliteKeyStore({ path })
    const vault = createVault({ keyStore: store })
    await ok(vault.seal(youth(1), { firstName: 'Jeanne' }))
    const key = await ok(store.get(youth(1)))
    const probe = new Database(path, { readonly: true })
    const mode = probe.pragma('journal_mode', { simple: true })
    probe.close()
    expect(mode).toBe('wal')
    expect(readFileSync(`${path}-wal`).includes(Buffer.from(key.material))).toBe(true)
    await ok(vault.eraseKey(youth(1)))
    expect(readFileSync(`${path}-wal`)).toHaveLength(0)
    expect(existsSync(`${path}-journal`)).toBe(false)
    expect(rawBytes(path).includes(Buffer.from(key.material))).toBe(false)
    await store.close()
  })

  it('lands concurrent creations, each with its own result, a second key for someone in the same batch keeps the first', async () => {
    const path = join(dir, 'keys.db')
    const store = getSqliteKeyStore({ path })
    const keyOf = (n: number, k = n): PersonalKey => ({
      youthId: youth(n),
      keyId: `key-${k}` as PersonalKey['keyId'],
      material: new Uint8Array(32).fill(k % 256),
    })
    const results = await Promise.all([
      ...Array.from({ length: 300 }, (_, n) => store.create(keyOf(n))()),
      store.create(keyOf(7, 1007))(),
    ])
    expect(results.slice(0, 300)).toEqual(
      Array.from({ length: 300 }, (_, n) => ({
        _tag: 'Right',
        right: { ...keyOf(n), material: Buffer.from(keyOf(n).material) },
      })),
    )
    expect(results[300]).toEqual({
      _tag: 'Right',
      right: { ...keyOf(7), material: Buffer.from(keyOf(7).material) },
    })
    expect(await ok(store.list())).toHaveLength(300)
    await store.close()
  })

  it('fails every creation of a batch whose commit fails, and stores none of them', async () => {
    const path = join(dir, 'keys.db')
    const store = getSqliteKeyStore({ path })
    await ok(store.list())
    // A deferred foreign key checked at COMMIT: a key for youth-666 makes the commit fail.
    const setup = new Database(path)
    setup.exec(`CREATE TABLE parent (id TEXT PRIMARY KEY);
                CREATE TABLE child (id TEXT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
                CREATE TRIGGER poison AFTER INSERT ON parcours_personal_keys WHEN NEW.youth_id = 'youth-666'
                  BEGIN INSERT INTO child VALUES ('missing'); END`)
    setup.close()
    const keyOf = (n: number): PersonalKey => ({
      youthId: youth(n),
      keyId: `key-${n}` as PersonalKey['keyId'],
      material: new Uint8Array(32).fill(n % 256),
    })
    const results = await Promise.all([1, 666, 2].map((n) => store.create(keyOf(n))()))
    expect(results.map((r) => (isLeft(r) ? r.left._tag : 'Right'))).toEqual([
      'KeyStoreUnavailable',
      'KeyStoreUnavailable',
      'KeyStoreUnavailable',
    ])
    expect(await ok(store.list())).toEqual([])
    expect(await store.create(keyOf(3))()).toMatchObject({ _tag: 'Right' })
    await store.close()
  })

  it('answers a call made right after a creation with the created key, and commits creations before closing', async () => {
    const path = join(dir, 'keys.db')
    const store = getSqliteKeyStore({ path })
    const key: PersonalKey = {
      youthId: youth(1),
      keyId: 'key-1' as PersonalKey['keyId'],
      material: new Uint8Array(32).fill(1),
    }
    const creating = store.create(key)()
    const read = store.get(youth(1))()
    const second = store.create({ ...key, youthId: youth(2) })()
    const closing = store.close()
    expect(await read).toMatchObject({ _tag: 'Right', right: { keyId: 'key-1' } })
    expect(await creating).toMatchObject({ _tag: 'Right' })
    expect(await second).toMatchObject({ _tag: 'Right' })
    await closing
    const reopened = getSqliteKeyStore({ path, mustExist: true })
    expect((await ok(reopened.list())).map((k) => k.youthId)).toEqual([youth(1), youth(2)])
    await reopened.close()
  })

  it('answers reads made together each as if made alone, in the order of the calls around them', async () => {
    const path = join(dir, 'keys.db')
    const store = getSqliteKeyStore({ path })
    const keyOf = (n: number): PersonalKey => ({
      youthId: youth(n),
      keyId: `key-${n}` as PersonalKey['keyId'],
      material: new Uint8Array(32).fill(n),
    })
    for (const n of [1, 2, 3]) await ok(store.create(keyOf(n)))
    await ok(store.delete(youth(2)))
    const opened = (n: number) => ({
      _tag: 'Right',
      right: { ...keyOf(n), material: Buffer.from(keyOf(n).material) },
    })
    // Made in one turn: the reads before the erasure see youth 3's key, the one after it does not.
    const results = await Promise.all([
      store.get(youth(1))(),
      store.get(youth(2))(),
      store.get(youth(4))(),
      store.get(youth(3), 'key-9' as PersonalKey['keyId'])(),
      store.get(youth(3), 'key-3' as PersonalKey['keyId'])(),
      store.delete(youth(3))(),
      store.get(youth(3))(),
      store.get(youth(1))(),
    ])
    expect(results).toEqual([
      opened(1),
      { _tag: 'Left', left: { _tag: 'KeyErased', youthId: youth(2), keyId: 'key-2' } },
      { _tag: 'Left', left: { _tag: 'KeyNotFound', youthId: youth(4) } },
      { _tag: 'Left', left: { _tag: 'KeyNotFound', youthId: youth(3), keyId: 'key-9' } },
      opened(3),
      { _tag: 'Right', right: { youthId: youth(3), keyId: 'key-3', erasedNow: true } },
      { _tag: 'Left', left: { _tag: 'KeyErased', youthId: youth(3), keyId: 'key-3' } },
      opened(1),
    ])
    // Reads still queued when the store closes are answered first.
    const pending = [store.get(youth(1))(), store.get(youth(4))()]
    await store.close()
    expect(await Promise.all(pending)).toEqual([
      opened(1),
      { _tag: 'Left', left: { _tag: 'KeyNotFound', youthId: youth(4) } },
    ])
  })

  it('refuses a synchronous setting other than NORMAL or FULL, and creates no file', async () => {
    const path = join(dir, 'keys.db')
    const store = getSqliteKeyStore({ path, synchronous: 'OFF' as 'FULL' })
    expect(await store.list()()).toMatchObject({
      _tag: 'Left',
      left: {
        _tag: 'KeyStoreUnavailable',
        message: `key store ${path}: synchronous must be 'NORMAL' or 'FULL', not "OFF"`,
      },
    })
    await store.close()
    expect(existsSync(path)).toBe(false)
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

  describe('mustExist: an existing key store only', () => {
    const unavailable = async (path: string) => {
      const store = getSqliteKeyStore({ path, mustExist: true })
      const vault = createVault({ keyStore: store })
      const answers = [
        await store.get(youth(1))(),
        await store.list()(),
        await vault.seal(youth(1), { firstName: 'Jeanne' })(),
        await vault.eraseKey(youth(1))(),
      ]
      await store.close()
      return answers.map((a) =>
        isLeft(a) && a.left._tag === 'KeyStoreUnavailable' ? a.left.message : a._tag,
      )
    }

    it('refuses a missing file, and creates none', async () => {
      const path = join(dir, 'keys.db')
      const messages = await unavailable(path)
      expect(new Set(messages)).toEqual(
        new Set([`no key store at ${path}: it is created by registering a young person`]),
      )
      expect(existsSync(path)).toBe(false)
    })

    it('refuses an empty file, and gives it no tables', async () => {
      const path = join(dir, 'keys.db')
      writeFileSync(path, '')
      expect(new Set(await unavailable(path))).toEqual(
        new Set([`the key store ${path} is an empty file, not a Parcours key store`]),
      )
      expect(readFileSync(path)).toHaveLength(0)
    })

    it('refuses a file that is not a database, or a database without the key tables', async () => {
      const garbage = join(dir, 'garbage.db')
      writeFileSync(garbage, 'not a database at all, but long enough to be read as a header'.repeat(4))
      for (const m of await unavailable(garbage)) expect(m).toMatch(/file is not a database/)
      const foreign = join(dir, 'foreign.db')
      const db = new Database(foreign)
      db.exec('CREATE TABLE other (x INTEGER)')
      db.close()
      expect(new Set(await unavailable(foreign))).toEqual(
        new Set([`${foreign} is not a Parcours key store (it has no key tables)`]),
      )
    })

    it('opens a key store that exists, keys and tombstones alike', async () => {
      const path = join(dir, 'keys.db')
      const created = getSqliteKeyStore({ path })
      const sealed = await ok(createVault({ keyStore: created }).seal(youth(1), { firstName: 'Jeanne' }))
      await created.close()
      const existing = getSqliteKeyStore({ path, mustExist: true })
      const vault = createVault({ keyStore: existing })
      expect((await ok(vault.open(sealed, youth(1))))._tag).toBe('Opened')
      expect(await ok(vault.eraseKey(youth(1), [sealed.keyId]))).toMatchObject({ erasedNow: true })
      await existing.close()
    })
  })

  it('lists live keys with the date each was stored, and discards an unused one without a tombstone', async () => {
    const path = join(dir, 'keys.db')
    let clock = Date.parse('2026-01-01T00:00:00.000Z')
    const store = getSqliteKeyStore({ path, now: () => new Date(clock) })
    const vault = createVault({ keyStore: store })
    const one = await ok(vault.seal(youth(1), { firstName: 'Jeanne' }))
    clock += 60_000
    const two = await ok(vault.seal(youth(2), { firstName: 'Paul' }))
    await ok(vault.eraseKey(youth(3)))
    expect(await ok(store.list())).toEqual([
      { youthId: youth(1), keyId: one.keyId, createdAt: '2026-01-01T00:00:00.000Z' },
      { youthId: youth(2), keyId: two.keyId, createdAt: '2026-01-01T00:01:00.000Z' },
    ])
    const discarded = Buffer.from((await ok(store.get(youth(1)))).material)
    expect(await ok(store.discard(youth(1), two.keyId))).toBe(false)
    expect(await ok(store.discard(youth(1), one.keyId))).toBe(true)
    expect(await ok(store.discard(youth(1), one.keyId))).toBe(false)
    expect((await ok(store.list())).map((k) => k.youthId)).toEqual([youth(2)])
    // No tombstone: a fresh key can be created for them, and the discarded bytes are gone.
    expect(rawBytes(path).includes(discarded)).toBe(false)
    expect(rawBytes(path).includes(Buffer.from((await ok(store.get(youth(2)))).material))).toBe(true)
    const again = await ok(vault.seal(youth(1), { firstName: 'Jeanne' }))
    expect(again.keyId).not.toBe(one.keyId)
    await store.close()
  })

  it('dates no key of a key store written before keys were dated (createdAt null), and keeps them', async () => {
    const path = join(dir, 'keys.db')
    const old = new Database(path)
    old.exec(`
      CREATE TABLE parcours_personal_keys (youth_id TEXT PRIMARY KEY, key_id TEXT NOT NULL, material BLOB NOT NULL, check_value BLOB NOT NULL);
      CREATE TABLE parcours_erased_personal_keys (youth_id TEXT PRIMARY KEY, key_id TEXT NOT NULL);
    `)
    old.close()
    const before = getSqliteKeyStore({ path })
    const sealed = await ok(createVault({ keyStore: before }).seal(youth(1), { firstName: 'Jeanne' }))
    await before.close()
    const raw = new Database(path)
    raw.exec('ALTER TABLE parcours_personal_keys DROP COLUMN created_at')
    raw.close()
    const store = getSqliteKeyStore({ path, mustExist: true })
    expect(await ok(store.list())).toEqual([{ youthId: youth(1), keyId: sealed.keyId, createdAt: null }])
    expect((await ok(createVault({ keyStore: store }).open(sealed, youth(1))))._tag).toBe('Opened')
    await store.close()
  })
})
