import { randomUUID } from 'node:crypto'
import { right } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { Decider } from '@parcours/domain'
import { createCommandHandler } from '../commandHandling/index.js'
import { itemAdded, startEsdbStandIn, testEventCodec, type TestEvent } from '../testing/index.js'
import { getEventStoreDBEventStore } from './getEventStoreDBEventStore.js'
import { appendPaths } from './standIn/fidelityFixtures.js'

// The server's maximum append size (1 MiB by default): over it, the append is refused whole.
describe.each(appendPaths)('EventStoreDB adapter: the maximum append size ($path)', ({ batchAppend }) => {
  it('a batch over the limit is AppendTooLarge naming the stream and the sizes, and nothing is written', async () => {
    const standIn = await startEsdbStandIn({ batchAppend })
    const store = getEventStoreDBEventStore({
      connectionString: standIn.connectionString,
      codec: testEventCodec,
    })
    try {
      const stream = `large-${randomUUID()}`
      // Five events of about 1.1 MB in all: over the default 1 MiB.
      const big = Array.from({ length: 5 }, () => ({
        id: randomUUID(),
        event: itemAdded('x'.repeat(220_000)),
      }))
      const refused = await store.append(stream, 'no-stream', big)()
      expect(refused).toMatchObject({
        _tag: 'Left',
        left: { _tag: 'AppendTooLarge', streamName: stream, maxSize: 1024 * 1024 },
      })
      const size = refused._tag === 'Left' && refused.left._tag === 'AppendTooLarge' ? refused.left.size : 0
      expect(size).toBeGreaterThan(1024 * 1024)
      expect(size).toBeLessThan(1_200_000)
      expect(await store.readStream(stream)()).toEqual({ _tag: 'Right', right: [] })
      // Under the limit, the same stream takes the events.
      const fits = await store.append(stream, 'no-stream', big.slice(0, 4))()
      expect(fits).toMatchObject({ _tag: 'Right', right: { nextExpectedRevision: 3n } })
    } finally {
      await store.close()
      await standIn.stop()
    }
  })

  it('follows a limit the server was configured with', async () => {
    const standIn = await startEsdbStandIn({ batchAppend, maxAppendSize: 1_000 })
    const store = getEventStoreDBEventStore({
      connectionString: standIn.connectionString,
      codec: testEventCodec,
    })
    try {
      const stream = `limit-${randomUUID()}`
      const refused = await store.append(stream, 'any', [
        { id: randomUUID(), event: itemAdded('y'.repeat(1_200)) },
      ])()
      expect(refused).toMatchObject({
        _tag: 'Left',
        left: { _tag: 'AppendTooLarge', streamName: stream, maxSize: 1_000 },
      })
      expect(
        (await store.append(stream, 'any', [{ id: randomUUID(), event: itemAdded('small') }])())._tag,
      ).toBe('Right')
    } finally {
      await store.close()
      await standIn.stop()
    }
  })

  it('the command handler returns AppendTooLarge as it is, and the stream stays as it was', async () => {
    const standIn = await startEsdbStandIn({ batchAppend, maxAppendSize: 2_000 })
    const store = getEventStoreDBEventStore({
      connectionString: standIn.connectionString,
      codec: testEventCodec,
    })
    const decider: Decider<{ readonly skus: ReadonlyArray<string> }, null, TestEvent, never> = {
      initialState: null,
      evolve: (state) => state,
      decide: (command) => right(command.skus.map((sku) => itemAdded(sku))),
    }
    const handle = createCommandHandler({ store, decider, streamName: () => 'cart-large' })
    try {
      const refused = await handle({ commandId: randomUUID(), command: { skus: ['z'.repeat(2_500)] } })()
      expect(refused).toMatchObject({
        _tag: 'Left',
        left: { _tag: 'AppendTooLarge', streamName: 'cart-large' },
      })
      expect(await store.readStream('cart-large')()).toEqual({ _tag: 'Right', right: [] })
    } finally {
      await store.close()
      await standIn.stop()
    }
  })
})
