import { randomUUID } from 'node:crypto'
import { binaryEvent, EventStoreDBClient } from '@eventstore/db-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { itemAdded, startEsdbStandIn, testEventCodec, type EsdbStandIn } from '../testing/index.js'
import { getEventStoreDBEventStore } from './getEventStoreDBEventStore.js'

// What only EventStoreDB can produce — tombstones, soft deletes, system events, events written by
// other tools, an unreachable server — as the port's typed results.
describe('EventStoreDB adapter: server states as port errors', () => {
  let standIn: EsdbStandIn
  let raw: EventStoreDBClient
  beforeAll(async () => {
    standIn = await startEsdbStandIn()
    raw = EventStoreDBClient.connectionString(standIn.connectionString)
  })
  afterAll(async () => {
    await raw.dispose()
    await standIn.stop()
  })
  const store = () => getEventStoreDBEventStore({ client: raw, codec: testEventCodec })
  const event = () => ({ id: randomUUID(), event: itemAdded('sku') })

  it('a tombstoned stream is StreamDeleted for appends, empty batches and reads', async () => {
    const stream = `tomb-${randomUUID()}`
    expect((await store().append(stream, 'no-stream', [event()])())._tag).toBe('Right')
    await raw.tombstoneStream(stream)
    const deleted = { _tag: 'Left', left: { _tag: 'StreamDeleted', streamName: stream } }
    expect(await store().append(stream, 'any', [event()])()).toEqual(deleted)
    expect(await store().append(stream, 'any', [])()).toEqual(deleted)
    expect(await store().readStream(stream)()).toEqual(deleted)
  })

  it('a soft-deleted stream reads as empty and takes no-stream appends, continuing its revisions', async () => {
    const stream = `soft-${randomUUID()}`
    await store().append(stream, 'no-stream', [event(), event()])()
    await raw.deleteStream(stream)
    expect(await store().readStream(stream)()).toEqual({ _tag: 'Right', right: [] })
    expect(await store().append(stream, 'no-stream', [event()])()).toMatchObject({
      _tag: 'Right',
      right: { nextExpectedRevision: 2n },
    })
  })

  it('never delivers system events, even without a filter', async () => {
    const all = await store().readAll()()
    if (all._tag === 'Left') throw new Error(all.left._tag)
    expect(all.right.every((e) => !e.streamName.startsWith('$'))).toBe(true)
    const backwards = await store().readAll({ direction: 'backwards', maxCount: 3 })()
    expect(backwards._tag).toBe('Right')
  })

  it('an event another tool wrote that fails to decode is DecodeFailed, naming stream and revision', async () => {
    const stream = `foreign-${randomUUID()}`
    expect((await store().append(stream, 'no-stream', [event()])())._tag).toBe('Right')
    await raw.appendToStream(stream, binaryEvent({ type: 'Blob', data: new Uint8Array([1, 2]) }))
    const read = await store().readStream(stream)()
    expect(read).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'DecodeFailed', streamName: stream, revision: 1n, eventType: 'Blob' },
    })
  })

  it('an unreachable server is StoreUnavailable; a bad connection string too; a closed store refuses calls', async () => {
    const probe = await startEsdbStandIn()
    const port = probe.port
    await probe.stop()
    const gone = getEventStoreDBEventStore({
      connectionString: `esdb://127.0.0.1:${port}?tls=false`,
      codec: testEventCodec,
    })
    expect(await gone.append('s', 'any', [event()])()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'StoreUnavailable' },
    })
    expect(await gone.readStream('s')()).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } })
    expect(await gone.readAll()()).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } })
    await gone.close()
    expect(await gone.readStream('s')()).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } })

    const bad = getEventStoreDBEventStore({ connectionString: 'postgres://nope', codec: testEventCodec })
    expect(await bad.append('s', 'any', [event()])()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'StoreUnavailable' },
    })
    const messages = []
    for await (const m of bad.subscribe({ from: 'start' })) messages.push(m)
    expect(messages).toMatchObject([{ _tag: 'Failed', error: { _tag: 'StoreUnavailable' } }])
  })

  it('a subscription whose server never comes back ends with Failed after its attempts', async () => {
    const lonely = await startEsdbStandIn()
    const s = getEventStoreDBEventStore({
      connectionString: lonely.connectionString,
      codec: testEventCodec,
      resubscribe: { maxAttempts: 3, baseDelayMs: 10 },
    })
    try {
      const tags: Array<string> = []
      const subscription = s.subscribe({ from: 'start', filter: { streamPrefixes: ['nobody-'] } })
      const loop = (async () => {
        for await (const m of subscription) {
          tags.push(m._tag)
          if (m._tag === 'CaughtUp') await lonely.stop()
        }
      })()
      // It ends by itself once its attempts are spent; one that never did is the test timeout's to report.
      await loop
      expect(tags.at(-1)).toBe('Failed')
      expect(tags).toContain('CaughtUp')
    } finally {
      await s.close()
      await lonely.stop()
    }
  })
})
