import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { itemAdded, testEventCodec } from '@parcours/adapters/testing'
import { SCHEMA_VERSION } from './schema.js'
import { getSqliteEventStore } from './sqliteEventStore.js'

describe('SQLite store file', () => {
  let dir: string
  let path: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parcours-schema-'))
    path = join(dir, 'events.db')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('creates the schema at the current version, in WAL mode, and keeps events across reopening', async () => {
    const first = getSqliteEventStore({ path, codec: testEventCodec })
    const written = await first.append('cart-1', 'no-stream', [{ id: randomUUID(), event: itemAdded('a') }])()
    expect(written._tag).toBe('Right')
    await first.close()

    const db = new Database(path, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()

    const second = getSqliteEventStore({ path, codec: testEventCodec })
    const read = await second.readStream('cart-1')()
    expect(read).toMatchObject({ _tag: 'Right', right: [{ revision: 0n, event: itemAdded('a') }] })
    const next = await second.append('cart-1', 0n, [{ id: randomUUID(), event: itemAdded('b') }])()
    expect(next).toMatchObject({ _tag: 'Right', right: { nextExpectedRevision: 1n } })
    await second.close()
  })

  it('answers StoreUnavailable, without throwing, for a file with a newer schema', async () => {
    const db = new Database(path)
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    const store = getSqliteEventStore({ path, codec: testEventCodec })
    const read = await store.readStream('cart-1')()
    expect(read).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'StoreUnavailable', message: expect.stringMatching(/newer/) },
    })
    const append = await store.append('cart-1', 'any', [{ id: randomUUID(), event: itemAdded('a') }])()
    expect(append).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } })
    await store.close()
  })

  it('answers StoreUnavailable for a path it cannot open, and after close', async () => {
    const nowhere = getSqliteEventStore({
      path: join(dir, 'missing-dir', 'x', 'events.db'),
      codec: testEventCodec,
    })
    expect(await nowhere.readAll()()).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } })
    await nowhere.close()
    const store = getSqliteEventStore({ path, codec: testEventCodec })
    await store.close()
    expect(await store.readAll()()).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } })
  })
})
