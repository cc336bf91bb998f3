import { randomUUID } from 'node:crypto'
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SubscriptionMessage } from '@parcours/domain'
import {
  itemAdded,
  startEsdbStandIn,
  testEventCodec,
  type EsdbStandIn,
  type TestEvent,
} from '../testing/index.js'
import { getEventStoreDBEventStore } from './getEventStoreDBEventStore.js'

// A store shared with other applications: their streams hold types we do not know (InvoiceSent)
// and types whose names collide with ours (an ItemAdded of another shape). With `categories`, the
// adapter reads and subscribes to its own streams only and never decodes theirs.
describe('EventStoreDB adapter beside other applications', () => {
  let standIn: EsdbStandIn
  let raw: EventStoreDBClient
  const ours = `cart${randomUUID().slice(0, 8)}-`
  const ids: string[] = []
  beforeAll(async () => {
    standIn = await startEsdbStandIn()
    raw = EventStoreDBClient.connectionString(standIn.connectionString)
    const writer = getEventStoreDBEventStore({ client: raw, codec: testEventCodec })
    for (let i = 0; i < 3; i++) {
      await raw.appendToStream(`billing-${i}`, [jsonEvent({ type: 'InvoiceSent', data: { amount: i } })])
      await raw.appendToStream(`stock-${i}`, [jsonEvent({ type: 'ItemAdded', data: { barcode: 42 } })])
      const id = randomUUID()
      ids.push(id)
      const r = await writer.append(`${ours}${i}`, 'no-stream', [{ id, event: itemAdded(`sku-${i}`) }])()
      expect(r._tag).toBe('Right')
    }
    await raw.appendToStream('billing-9', [jsonEvent({ type: 'InvoiceSent', data: { amount: 9 } })])
  })
  afterAll(async () => {
    await raw.dispose()
    await standIn.stop()
  })
  const ownStore = () => getEventStoreDBEventStore({ client: raw, codec: testEventCodec, categories: [ours] })
  const idsOf = (r: { _tag: string; right?: ReadonlyArray<{ id: string }> }) =>
    r._tag === 'Right' ? (r.right ?? []).map((e) => e.id) : r

  it('without categories, the foreign streams break reads: this is what categories are for', async () => {
    const shared = getEventStoreDBEventStore({ client: raw, codec: testEventCodec })
    expect(await shared.readAll()()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'DecodeFailed', streamName: 'billing-0' },
    })
    expect(await shared.readAll({ filter: { eventTypes: ['ItemAdded'] } })()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'DecodeFailed', streamName: 'stock-0' },
    })
  })

  it('reads its own streams only, whatever filter it is given, forwards and backwards', async () => {
    const store = ownStore()
    expect(idsOf(await store.readAll()())).toEqual(ids)
    expect(idsOf(await store.readAll({ filter: { eventTypes: ['ItemAdded'] } })())).toEqual(ids)
    expect(idsOf(await store.readAll({ direction: 'backwards', maxCount: 1 })())).toEqual(ids.slice(-1))
    expect(idsOf(await store.readAll({ filter: { streamPrefixes: [`${ours}1`] } })())).toEqual([ids[1]])
    expect(idsOf(await store.readAll({ filter: { streamPrefixes: ['billing-', 'stock-'] } })())).toEqual([])
    expect(idsOf(await store.readAll({ filter: { streamPrefixes: ['c'] } })())).toEqual(ids)
  })

  it('subscribes to its own streams only: no foreign event, no decode failure, live included', async () => {
    const store = ownStore()
    const seen: Array<SubscriptionMessage<TestEvent>> = []
    const subscription = store.subscribe({ from: 'start', checkpointInterval: 2 })
    const live = randomUUID()
    try {
      for await (const message of subscription) {
        seen.push(message)
        if (message._tag === 'CaughtUp') {
          await raw.appendToStream('stock-live', [jsonEvent({ type: 'ItemAdded', data: { barcode: 7 } })])
          await store.append(`${ours}live`, 'no-stream', [{ id: live, event: itemAdded('live') }])()
        }
        if (message._tag === 'Event' && message.event.id === live) break
      }
    } finally {
      await subscription.close()
    }
    expect(seen.some((m) => m._tag === 'Failed')).toBe(false)
    expect(seen.flatMap((m) => (m._tag === 'Event' ? [m.event.id] : []))).toEqual([...ids, live])
  })
})
