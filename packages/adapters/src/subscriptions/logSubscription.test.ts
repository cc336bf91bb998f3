import { left, right } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { itemAdded, testEventCodec, type TestEvent } from '@parcours/adapters/testing'
import type { SubscriptionMessage } from '@parcours/domain'
import { encodeEvents, type StoredEvent } from '../serialization/index.js'
import { createAppendSignal } from './appendSignal.js'
import { createLogSubscription, storedEventDecoder, type LogReader } from './logSubscription.js'

/** A log in an array, counting how many rows the subscription has taken from it. */
const arrayLog = (count: number, streamOf: (i: number) => string = () => 'cart-1') => {
  const rows: Array<StoredEvent> = []
  const add = (i: number) => {
    const encoded = encodeEvents(testEventCodec, streamOf(i), [{ id: `id-${i}`, event: itemAdded(`s${i}`) }])
    if (encoded._tag === 'Left') throw new Error('bad fixture')
    const e = encoded.right[0] as (typeof encoded.right)[number]
    rows.push({
      id: e.id,
      streamName: streamOf(i),
      revision: BigInt(i),
      position: BigInt(i + 1),
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      recordedAt: 'now',
    })
  }
  for (let i = 0; i < count; i++) add(i)
  const signal = createAppendSignal()
  const stats = { rowsRead: 0 }
  const reader: LogReader = {
    readAfter: (after, limit) => {
      const page = rows.slice(
        after === undefined ? 0 : Number(after),
        (after === undefined ? 0 : Number(after)) + limit,
      )
      stats.rowsRead += page.length
      return right(page)
    },
    waitForAppend: (abort) => signal.wait(abort),
  }
  return { reader, stats, append: () => (add(rows.length), signal.notify()) }
}

const take = async (iterator: AsyncIterator<SubscriptionMessage<TestEvent>>, n: number) => {
  const out: Array<SubscriptionMessage<TestEvent>> = []
  while (out.length < n) {
    const next = await iterator.next()
    if (next.done === true) break
    out.push(next.value)
  }
  return out
}

describe('createLogSubscription', () => {
  it('reads no further ahead of a slow consumer than its buffer', async () => {
    const { reader, stats } = arrayLog(10_000)
    const subscription = createLogSubscription(storedEventDecoder(testEventCodec), reader, {
      from: 'start',
      bufferSize: 16,
      checkpointInterval: 1_000_000,
    })
    const iterator = subscription[Symbol.asyncIterator]()
    const first = await take(iterator, 40)
    expect(first.every((m) => m._tag === 'Event')).toBe(true)
    expect(stats.rowsRead).toBeLessThanOrEqual(40 + 16)
    await subscription.close()
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })

  it('sends a checkpoint every interval of rows scanned, matching the filter or not', async () => {
    const { reader } = arrayLog(12, (i) => (i % 3 === 0 ? 'mine-1' : 'other-1'))
    const subscription = createLogSubscription(storedEventDecoder(testEventCodec), reader, {
      from: 'start',
      checkpointInterval: 4,
      filter: { streamPrefixes: ['mine-'] },
    })
    const messages = await take(subscription[Symbol.asyncIterator](), 8)
    await subscription.close()
    expect(
      messages.map((m) =>
        m._tag === 'Event'
          ? `E${m.event.position}`
          : m._tag === 'CaughtUp'
            ? 'C'
            : `K${m._tag === 'Checkpoint' ? m.position : ''}`,
      ),
    ).toEqual(['E1', 'E4', 'K4', 'E7', 'K8', 'E10', 'K12', 'C'])
  })

  it('ends a consumer waiting for live events when closed, and delivers live events until then', async () => {
    const { reader, append } = arrayLog(1)
    const subscription = createLogSubscription(storedEventDecoder(testEventCodec), reader, { from: 'start' })
    const iterator = subscription[Symbol.asyncIterator]()
    expect((await take(iterator, 3)).map((m) => m._tag)).toEqual(['Event', 'Checkpoint', 'CaughtUp'])
    const pending = iterator.next()
    append()
    expect(await pending).toMatchObject({ done: false, value: { _tag: 'Event', event: { position: 2n } } })
    const waiting = iterator.next()
    await subscription.close()
    expect(await waiting).toEqual({ done: true, value: undefined })
  })

  it('delivers an event appended while the consumer still held CaughtUp', async () => {
    const { reader, append } = arrayLog(1)
    const subscription = createLogSubscription(storedEventDecoder(testEventCodec), reader, { from: 'start' })
    const iterator = subscription[Symbol.asyncIterator]()
    expect((await take(iterator, 3)).map((m) => m._tag)).toEqual(['Event', 'Checkpoint', 'CaughtUp'])
    append()
    const next = await iterator.next()
    expect(next).toMatchObject({ done: false, value: { _tag: 'Event', event: { position: 2n } } })
    await subscription.close()
  })

  it('ends with Failed when the store fails', async () => {
    const reader: LogReader = {
      readAfter: () => left({ _tag: 'StoreUnavailable', message: 'gone' }),
      waitForAppend: async () => undefined,
    }
    const messages = await take(
      createLogSubscription(storedEventDecoder(testEventCodec), reader, { from: 5n })[Symbol.asyncIterator](),
      5,
    )
    expect(messages).toEqual([{ _tag: 'Failed', error: { _tag: 'StoreUnavailable', message: 'gone' } }])
  })
})
