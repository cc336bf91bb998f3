import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  describeEventStoreConformance,
  itemAdded,
  testEventCodec,
  type TestEvent,
} from '@parcours/adapters/testing'
import { getInMemoryEventStore } from './inMemoryEventStore.js'

describeEventStoreConformance('in-memory', {
  create: async (codec) => {
    const store = getInMemoryEventStore({ codec })
    return { store, dispose: () => store.close() }
  },
  concurrentWriters: true,
  numRuns: 60,
})

describe('in-memory store values', () => {
  it('hands back deeply frozen events that share nothing with what the caller appended', async () => {
    const store = getInMemoryEventStore({ codec: testEventCodec })
    const appended = { type: 'ItemAdded', sku: 'a', quantity: 2 } as TestEvent
    const written = await store.append('cart-1', 'no-stream', [
      { id: 'e-1', event: appended, metadata: { tenant: 'ml-1' } },
    ])()
    expect(isRight(written)).toBe(true)
    ;(appended as { sku: string }).sku = 'changed by the caller'
    const read = await store.readStream('cart-1')()
    if (!isRight(read)) throw new Error('read failed')
    const [recorded] = read.right
    expect(recorded?.event).toEqual({ type: 'ItemAdded', sku: 'a', quantity: 2 })
    expect(Object.isFrozen(recorded)).toBe(true)
    expect(Object.isFrozen(recorded?.event)).toBe(true)
    expect(Object.isFrozen(recorded?.metadata)).toBe(true)
    expect(recorded?.metadata).toEqual({ tenant: 'ml-1' })
    await store.close()
  })

  it.each([2, 20])(
    'refuses a batch of %i events holding one id twice as WrongExpectedRevision, and stores nothing',
    async (length) => {
      const store = getInMemoryEventStore({ codec: testEventCodec })
      const batch = Array.from({ length }, (_, i) => ({
        id: i === length - 1 ? 'e-0' : `e-${i}`,
        event: itemAdded(`sku-${i}`),
      }))
      const written = await store.append('cart-1', 'no-stream', batch)()
      expect(isLeft(written) && written.left).toMatchObject({
        _tag: 'WrongExpectedRevision',
        streamName: 'cart-1',
        actual: 'no-stream',
      })
      const read = await store.readAll()()
      expect(isRight(read) && read.right).toEqual([])
      const later = await store.append('cart-1', 'no-stream', batch.slice(0, length - 1))()
      expect(isRight(later)).toBe(true)
      await store.close()
    },
  )

  it('leaves the ids of a batch refused for a taken id free for a later append', async () => {
    const store = getInMemoryEventStore({ codec: testEventCodec })
    const first = await store.append('cart-1', 'no-stream', [{ id: 'taken', event: itemAdded('a') }])()
    expect(isRight(first)).toBe(true)
    const refused = await store.append('cart-2', 'no-stream', [
      { id: 'free-1', event: itemAdded('b') },
      { id: 'free-2', event: itemAdded('c') },
      { id: 'taken', event: itemAdded('d') },
    ])()
    expect(isLeft(refused) && refused.left._tag).toBe('WrongExpectedRevision')
    const later = await store.append('cart-2', 'no-stream', [
      { id: 'free-1', event: itemAdded('b') },
      { id: 'free-2', event: itemAdded('c') },
    ])()
    expect(later).toEqual({ _tag: 'Right', right: { nextExpectedRevision: 1n, position: 3n } })
    await store.close()
  })

  it('counts revisions past the small ones it shares, and checks expectations against them', async () => {
    const store = getInMemoryEventStore({ codec: testEventCodec })
    const batch = Array.from({ length: 4100 }, (_, i) => ({ id: `e-${i}`, event: itemAdded(`sku-${i}`) }))
    const written = await store.append('cart-1', 'no-stream', batch)()
    expect(written).toEqual({ _tag: 'Right', right: { nextExpectedRevision: 4099n, position: 4100n } })
    const stale = await store.append('cart-1', 4098n, [{ id: 'late', event: itemAdded('x') }])()
    expect(isLeft(stale) && stale.left).toMatchObject({ _tag: 'WrongExpectedRevision', actual: 4099n })
    const next = await store.append('cart-1', 4099n, [{ id: 'next', event: itemAdded('y') }])()
    expect(next).toEqual({ _tag: 'Right', right: { nextExpectedRevision: 4100n, position: 4101n } })
    const retried = await store.append('cart-1', 4099n, [{ id: 'next', event: itemAdded('y') }])()
    expect(retried).toEqual({ _tag: 'Right', right: { nextExpectedRevision: 4100n, position: 4101n } })
    const read = await store.readStream('cart-1', { fromRevision: 4095n, maxCount: 10 })()
    expect(isRight(read) && read.right.map((e) => [e.id, e.revision])).toEqual([
      ['e-4095', 4095n],
      ['e-4096', 4096n],
      ['e-4097', 4097n],
      ['e-4098', 4098n],
      ['e-4099', 4099n],
      ['next', 4100n],
    ])
    await store.close()
  })

  it('refuses an event its codec cannot encode and stores nothing', async () => {
    const store = getInMemoryEventStore({ codec: testEventCodec })
    const bad = { type: 'ItemAdded', sku: 'a', quantity: -1 } as unknown as TestEvent
    const written = await store.append('cart-1', 'any', [
      { id: 'e-1', event: itemAdded('a') },
      { id: 'e-2', event: bad },
    ])()
    expect(isLeft(written) && written.left._tag).toBe('InvalidEvent')
    const read = await store.readAll()()
    expect(isRight(read) && read.right).toEqual([])
    await store.close()
  })
})
