import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { itemAdded, startEsdbStandIn, testEventCodec } from '../testing/index.js'
import { getEventStoreDBEventStore } from './getEventStoreDBEventStore.js'

describe('EventStoreDB adapter: connection strings', () => {
  it('works through esdb+discover:// (gossip names the leader) as through esdb://', async () => {
    const standIn = await startEsdbStandIn()
    const discovered = getEventStoreDBEventStore({
      connectionString: `esdb+discover://127.0.0.1:${standIn.port}?tls=false`,
      codec: testEventCodec,
    })
    const direct = getEventStoreDBEventStore({
      connectionString: standIn.connectionString,
      codec: testEventCodec,
    })
    try {
      const stream = `discover-${randomUUID()}`
      const id = randomUUID()
      const appended = await discovered.append(stream, 'no-stream', [{ id, event: itemAdded('sku') }])()
      expect(appended).toMatchObject({ _tag: 'Right', right: { nextExpectedRevision: 0n } })
      const read = await direct.readStream(stream)()
      expect(read._tag === 'Right' ? read.right.map((e) => e.id) : read).toEqual([id])
    } finally {
      await discovered.close()
      await direct.close()
      await standIn.stop()
    }
  })
})
