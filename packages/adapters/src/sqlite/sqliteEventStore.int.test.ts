import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeEventStoreConformance, itemAdded, testEventCodec } from '@parcours/adapters/testing'
import { getSqliteEventStore } from './sqliteEventStore.js'

describeEventStoreConformance('SQLite', {
  create: async (codec) => {
    const dir = mkdtempSync(join(tmpdir(), 'parcours-sqlite-'))
    const store = getSqliteEventStore({ path: join(dir, 'events.db'), codec, pollIntervalMs: 20 })
    return {
      store,
      dispose: async () => {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },
  concurrentWriters: true,
  numRuns: 40,
})

describe('SQLite synchronous setting', () => {
  it('with FULL, appends and reads back as with the default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parcours-sqlite-'))
    const store = getSqliteEventStore({
      path: join(dir, 'events.db'),
      codec: testEventCodec,
      synchronous: 'FULL',
    })
    const written = await store.append('cart-1', 'no-stream', [{ id: 'e-1', event: itemAdded('a') }])()
    const read = await store.readStream('cart-1')()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
    expect(written).toEqual({ _tag: 'Right', right: { nextExpectedRevision: 0n, position: 1n } })
    expect(read._tag === 'Right' && read.right.map((e) => e.event)).toEqual([itemAdded('a')])
  })

  it('refuses any other value with StoreUnavailable, and creates no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parcours-sqlite-'))
    const path = join(dir, 'events.db')
    const store = getSqliteEventStore({ path, codec: testEventCodec, synchronous: 'OFF' as 'FULL' })
    const written = await store.append('cart-1', 'no-stream', [{ id: 'e-1', event: itemAdded('a') }])()
    await store.close()
    expect(written).toEqual({
      _tag: 'Left',
      left: { _tag: 'StoreUnavailable', message: `synchronous must be 'NORMAL' or 'FULL', not "OFF"` },
    })
    expect(existsSync(path)).toBe(false)
    rmSync(dir, { recursive: true, force: true })
  })
})
