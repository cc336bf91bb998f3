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
      await store.close()
    },
  )

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
