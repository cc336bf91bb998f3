import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import type { EventStore, SubscriptionMessage } from '@parcours/domain'
import { itemAdded, startEsdbStandIn, testEventCodec, type TestEvent } from '../testing/index.js'
import { getEventStoreDBEventStore } from './getEventStoreDBEventStore.js'

// Every wait ends on what happened (a message received, a line logged), never on time: `changes`
// wakes the waiters each time the consumer or the logger records something.
const changes = () => {
  let waiters: Array<() => void> = []
  return {
    notify: () => {
      const woken = waiters
      waiters = []
      for (const w of woken) w()
    },
    until: async (condition: () => boolean): Promise<void> => {
      while (!condition()) await new Promise<void>((resolve) => waiters.push(resolve))
    },
  }
}

/** Appends; after a restart, only once the subscription has resumed (the client is connected again). */
const append = async (store: EventStore<TestEvent>, stream: string, ids: ReadonlyArray<string>) => {
  const batch = ids.map((id, i) => ({ id, event: itemAdded(`sku-${i}`) }))
  const result = await store.append(stream, 'any', batch)()
  if (result._tag === 'Left') throw new Error(`append failed: ${result.left._tag}`)
}

describe('EventStoreDB adapter, server restart during a live subscription', () => {
  it('delivers every event exactly once, in order, across a stop and a restart with the same data', async () => {
    const logs: Array<{ readonly msg?: string }> = []
    const seen = changes()
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        logs.push(JSON.parse(chunk.toString('utf8')) as { msg?: string })
        seen.notify()
        done()
      },
    })
    const first = await startEsdbStandIn()
    const store = getEventStoreDBEventStore({
      connectionString: first.connectionString,
      codec: testEventCodec,
      logger: pino({ level: 'info' }, sink),
      resubscribe: { maxAttempts: 40, baseDelayMs: 25 },
    })
    let second: Awaited<ReturnType<typeof startEsdbStandIn>> | undefined
    const prefix = `restart-${randomUUID().slice(0, 8)}-`
    const stream = `${prefix}s`
    const before = Array.from({ length: 5 }, () => randomUUID())
    const after = Array.from({ length: 5 }, () => randomUUID())
    try {
      await append(store, stream, before)
      const messages: Array<SubscriptionMessage<TestEvent>> = []
      const subscription = store.subscribe({
        from: 'start',
        filter: { streamPrefixes: [prefix] },
        checkpointInterval: 2,
      })
      const consumer = (async () => {
        for await (const message of subscription) {
          messages.push(message)
          seen.notify()
        }
      })()
      const received = () => messages.flatMap((m) => (m._tag === 'Event' ? [m.event.id] : []))
      await seen.until(() => messages.some((m) => m._tag === 'CaughtUp'))

      await first.stop()
      const whileDown = await store.append(stream, 'any', [{ id: randomUUID(), event: itemAdded('lost') }])()
      expect(whileDown).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } })
      // The server restarts once the subscription has noticed it was dropped.
      await seen.until(() => logs.some((l) => l.msg === 'subscription dropped, resubscribing'))
      second = await startEsdbStandIn({ port: first.port, data: first.data })
      await seen.until(() => logs.some((l) => l.msg === 'subscription resumed'))
      await append(store, stream, after.slice(0, 2))
      await append(store, stream, after.slice(2))
      // A last event closes the run: whatever was delivered twice would come before it, in order.
      const last = randomUUID()
      await append(store, stream, [last])
      await seen.until(() => received().includes(last))

      await subscription.close()
      await consumer
      expect(received()).toEqual([...before, ...after, last])
      expect(messages.filter((m) => m._tag === 'CaughtUp')).toHaveLength(1)
      expect(messages.some((m) => m._tag === 'Failed')).toBe(false)
      // The subscription really was dropped and came back (not merely kept open).
      expect(logs.some((l) => l.msg === 'subscription dropped, resubscribing')).toBe(true)
      expect(logs.some((l) => l.msg === 'subscription resumed')).toBe(true)
    } finally {
      await store.close()
      await second?.stop()
      await first.stop()
    }
  })

  it('resumes a catch-up cut in the middle, for a slow consumer, without a gap or a repeat', async () => {
    const logs: Array<{ readonly msg?: string }> = []
    const seen = changes()
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        logs.push(JSON.parse(chunk.toString('utf8')) as { msg?: string })
        seen.notify()
        done()
      },
    })
    const first = await startEsdbStandIn()
    const store = getEventStoreDBEventStore({
      connectionString: first.connectionString,
      codec: testEventCodec,
      logger: pino({ level: 'info' }, sink),
      resubscribe: { maxAttempts: 40, baseDelayMs: 25 },
    })
    let second: Awaited<ReturnType<typeof startEsdbStandIn>> | undefined
    const prefix = `cut-${randomUUID().slice(0, 8)}-`
    const stored = Array.from({ length: 300 }, () => randomUUID())
    const live = Array.from({ length: 10 }, () => randomUUID())
    try {
      for (let b = 0; b < 3; b++) await append(store, `${prefix}${b}`, stored.slice(b * 100, (b + 1) * 100))
      const received: Array<string> = []
      const subscription = store.subscribe({
        from: 'start',
        filter: { streamPrefixes: [prefix] },
        bufferSize: 8,
      })
      const consumer = (async () => {
        for await (const message of subscription) {
          if (message._tag === 'Failed') throw new Error(`subscription failed: ${message.error._tag}`)
          if (message._tag !== 'Event') continue
          received.push(message.event.id)
          seen.notify()
          // A slow consumer: it lets the event loop turn every ten events.
          if (received.length % 10 === 0) await new Promise<void>((resolve) => setImmediate(resolve))
        }
      })()
      await seen.until(() => received.length >= 60)
      const atStop = received.length
      await first.stop()
      await seen.until(() => logs.some((l) => l.msg === 'subscription dropped, resubscribing'))
      second = await startEsdbStandIn({ port: first.port, data: first.data })
      await seen.until(() => logs.some((l) => l.msg === 'subscription resumed'))
      await append(store, `${prefix}live`, live)
      const last = randomUUID()
      await append(store, `${prefix}live`, [last])
      await seen.until(() => received.includes(last))
      await subscription.close()
      await consumer
      expect(atStop).toBeLessThan(stored.length)
      expect(received).toEqual([...stored, ...live, last])
    } finally {
      await store.close()
      await second?.stop()
      await first.stop()
    }
  })
})
