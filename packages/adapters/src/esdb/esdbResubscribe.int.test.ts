import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import type { EventStore, SubscriptionMessage } from '@parcours/domain'
import { itemAdded, startEsdbStandIn, testEventCodec, type TestEvent } from '../testing/index.js'
import { getEventStoreDBEventStore } from './getEventStoreDBEventStore.js'

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const until = async (condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await pause(10)
  }
}

/** Appends, retrying while the client reconnects to a restarted server. */
const appendEventually = async (
  store: EventStore<TestEvent>,
  stream: string,
  ids: ReadonlyArray<string>,
): Promise<void> => {
  const batch = ids.map((id, i) => ({ id, event: itemAdded(`sku-${i}`) }))
  for (let attempt = 0; ; attempt++) {
    const result = await store.append(stream, 'any', batch)()
    if (result._tag === 'Right') return
    if (result.left._tag !== 'StoreUnavailable' || attempt > 100)
      throw new Error(`append failed: ${result.left._tag}`)
    await pause(50)
  }
}

describe('EventStoreDB adapter, server restart during a live subscription', () => {
  it('delivers every event exactly once, in order, across a stop and a restart with the same data', async () => {
    const logs: Array<{ readonly msg?: string }> = []
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        logs.push(JSON.parse(chunk.toString('utf8')) as { msg?: string })
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
      await appendEventually(store, stream, before)
      const messages: Array<SubscriptionMessage<TestEvent>> = []
      const subscription = store.subscribe({
        from: 'start',
        filter: { streamPrefixes: [prefix] },
        checkpointInterval: 2,
      })
      const consumer = (async () => {
        for await (const message of subscription) messages.push(message)
      })()
      const received = () => messages.flatMap((m) => (m._tag === 'Event' ? [m.event.id] : []))
      await until(() => messages.some((m) => m._tag === 'CaughtUp'), 'catch-up')

      await first.stop()
      const whileDown = await store.append(stream, 'any', [{ id: randomUUID(), event: itemAdded('lost') }])()
      expect(whileDown).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } })
      await pause(150)
      second = await startEsdbStandIn({ port: first.port, data: first.data })
      await appendEventually(store, stream, after.slice(0, 2))
      await appendEventually(store, stream, after.slice(2))
      await until(
        () => received().length >= before.length + after.length,
        'the events appended after the restart',
      )
      await pause(100)

      await subscription.close()
      await consumer
      expect(received()).toEqual([...before, ...after])
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
    const first = await startEsdbStandIn()
    const store = getEventStoreDBEventStore({
      connectionString: first.connectionString,
      codec: testEventCodec,
      resubscribe: { maxAttempts: 40, baseDelayMs: 25 },
    })
    let second: Awaited<ReturnType<typeof startEsdbStandIn>> | undefined
    const prefix = `cut-${randomUUID().slice(0, 8)}-`
    const stored = Array.from({ length: 300 }, () => randomUUID())
    const live = Array.from({ length: 10 }, () => randomUUID())
    try {
      for (let b = 0; b < 3; b++)
        await appendEventually(store, `${prefix}${b}`, stored.slice(b * 100, (b + 1) * 100))
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
          if (received.length % 10 === 0) await pause(2)
        }
      })()
      await until(() => received.length >= 60, 'the first part of the catch-up')
      const atStop = received.length
      await first.stop()
      await pause(100)
      second = await startEsdbStandIn({ port: first.port, data: first.data })
      await appendEventually(store, `${prefix}live`, live)
      await until(() => received.length >= stored.length + live.length, 'every event')
      await pause(100)
      await subscription.close()
      await consumer
      expect(atStop).toBeLessThan(stored.length)
      expect(received).toEqual([...stored, ...live])
    } finally {
      await store.close()
      await second?.stop()
      await first.stop()
    }
  })
})
