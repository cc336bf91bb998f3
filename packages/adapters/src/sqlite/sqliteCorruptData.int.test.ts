import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { itemAdded, testEventCodec, type TestEvent } from '@parcours/adapters/testing'
import type { DecodeFailed, EventStore, StoreError } from '@parcours/domain'
import { getSqliteEventStore } from './sqliteEventStore.js'

describe('SQLite store with corrupt rows', () => {
  let dir: string
  let path: string
  let store: EventStore<TestEvent>

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parcours-corrupt-'))
    path = join(dir, 'events.db')
    store = getSqliteEventStore({ path, codec: testEventCodec, pollIntervalMs: 10 })
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Writes a row behind the store's back, as a bug or another tool could. */
  const insertRaw = (
    stream: string,
    revision: number,
    type: string,
    data: string,
    metadata: string | null = '{"schemaVersion":1}',
  ) => {
    const db = new Database(path)
    try {
      db.prepare(
        'INSERT INTO events (event_id, stream_name, revision, event_type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(randomUUID(), stream, revision, type, data, metadata, new Date().toISOString())
    } finally {
      db.close()
    }
  }
  const good = async (stream: string) => {
    const r = await store.append(stream, 'no-stream', [{ id: randomUUID(), event: itemAdded('ok') }])()
    expect(r._tag).toBe('Right')
  }
  const expectDecodeFailed = (
    error: StoreError | undefined,
    stream: string,
    revision: bigint,
  ): DecodeFailed => {
    expect(error).toMatchObject({ _tag: 'DecodeFailed', streamName: stream, revision })
    return error as DecodeFailed
  }

  const corruptions = [
    { what: 'bad JSON', type: 'ItemAdded', data: '{"type":"ItemAdded",', reason: /JSON/ },
    {
      what: 'an unknown event type',
      type: 'ItemStolen',
      data: '{"type":"ItemStolen"}',
      reason: /unknown event type ItemStolen/,
    },
    {
      what: 'a payload failing its codec',
      type: 'ItemRemoved',
      data: '{"type":"ItemRemoved","sku":42}',
      reason: /fails its codec/,
      path: 'sku',
    },
  ] as const

  for (const c of corruptions) {
    it(`reads ${c.what} as DecodeFailed naming the stream and revision, from readStream, readAll and a subscription`, async () => {
      const stream = 'cart-1'
      await good(stream)
      insertRaw(stream, 1, c.type, c.data)

      const read = await store.readStream(stream)()
      const failed = expectDecodeFailed(read._tag === 'Left' ? read.left : undefined, stream, 1n)
      expect(failed.eventType).toBe(c.type)
      expect(failed.reason).toMatch(c.reason)
      if ('path' in c) expect(failed.paths.join()).toContain(c.path)

      const all = await store.readAll()()
      expectDecodeFailed(all._tag === 'Left' ? all.left : undefined, stream, 1n)

      const messages: Array<string> = []
      let last: unknown
      for await (const message of store.subscribe({ from: 'start' })) {
        messages.push(message._tag)
        last = message
      }
      expect(messages).toEqual(['Event', 'Failed'])
      expect(last).toMatchObject({
        _tag: 'Failed',
        error: { _tag: 'DecodeFailed', streamName: stream, revision: 1n, eventType: c.type },
      })

      const before = await store.readStream(stream, { maxCount: 1 })()
      expect(before._tag).toBe('Right')
      await good('cart-2')
    })
  }

  it('reports metadata that is not JSON', async () => {
    insertRaw('cart-3', 0, 'ItemRemoved', '{"type":"ItemRemoved","sku":"a"}', 'not json')
    const read = await store.readStream('cart-3')()
    expect(read).toMatchObject({
      _tag: 'Left',
      left: {
        _tag: 'DecodeFailed',
        streamName: 'cart-3',
        revision: 0n,
        reason: expect.stringMatching(/metadata/),
      },
    })
  })

  it('fails a subscription that reaches a corrupt row only while live', async () => {
    await good('cart-4')
    const subscription = store.subscribe({ from: 'start' })
    const tags: Array<string> = []
    const loop = (async () => {
      for await (const message of subscription) {
        tags.push(message._tag)
        if (message._tag === 'CaughtUp') insertRaw('cart-4', 1, 'ItemAdded', 'nope')
      }
    })()
    await loop
    expect(tags).toEqual(['Event', 'Checkpoint', 'CaughtUp', 'Failed'])
  })

  it('upcasts a row written with an old schema version', async () => {
    insertRaw(
      'cart-5',
      0,
      'ItemAdded',
      '{"type":"ItemAdded","sku":"old","qty":4}',
      '{"schemaVersion":1,"tenant":"ml-9"}',
    )
    const read = await store.readStream('cart-5')()
    expect(read).toMatchObject({
      _tag: 'Right',
      right: [{ event: itemAdded('old', 4), schemaVersion: 1, metadata: { tenant: 'ml-9' } }],
    })
  })

  it('refuses an unsupported schema version with DecodeFailed', async () => {
    insertRaw('cart-6', 0, 'ItemRemoved', '{"type":"ItemRemoved","sku":"a"}', '{"schemaVersion":7}')
    const read = await store.readAll()()
    expect(read).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'DecodeFailed', streamName: 'cart-6', reason: expect.stringMatching(/schema version 7/) },
    })
  })
})
