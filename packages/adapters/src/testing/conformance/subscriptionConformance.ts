import { describe, expect, it } from 'vitest'
import type { SubscriptionMessage } from '@parcours/domain'
import {
  appendOk,
  caughtUp,
  collect,
  eventsOf,
  fresh,
  ok,
  pause,
  tick,
  type ConformanceContext,
} from './fixtures.js'
import { itemAdded, itemRemoved, type TestEvent } from './testEvents.js'

type Messages = ReadonlyArray<SubscriptionMessage<TestEvent>>
const idsOf = (messages: Messages) => eventsOf(messages).map((e) => e.id)

/** A promise a test awaits until the code under test reaches a point (no guessed delay). */
const signal = () => {
  let done: () => void = () => undefined
  const reached = new Promise<void>((resolve) => (done = resolve))
  return { reached, done: () => done() }
}

/** Example tests for subscriptions: exclusive start, catch-up, live tail, checkpoints, back-pressure, close. */
export const describeSubscriptionConformance = (ctx: ConformanceContext): void => {
  describe('subscribe', () => {
    const seed = async (label: string, count: number) => {
      const prefix = ctx.prefix(label)
      const ids: Array<string> = []
      for (let i = 0; i < count; i++) {
        const batch = fresh(i % 3 === 2 ? itemRemoved(`${i}`) : itemAdded(`${i}`))
        await appendOk(ctx.store(), `${prefix}${i % 2}`, batch)
        ids.push(batch[0]?.id ?? '')
      }
      return { prefix, ids }
    }

    it('delivers every stored event in order, then CaughtUp, then live events', async () => {
      const { prefix, ids } = await seed('sub-live', 5)
      const subscription = ctx.store().subscribe({ from: 'start', filter: { streamPrefixes: [prefix] } })
      const live = fresh(itemAdded('live-1'), itemAdded('live-2'))
      const messages = collect(subscription, (m) => idsOf(m).length >= 7)
      await pause(20)
      await appendOk(ctx.store(), `${prefix}0`, live)
      const got = await messages
      expect(idsOf(got)).toEqual([...ids, ...live.map((e) => e.id)])
      const caughtUpAt = got.findIndex((m) => m._tag === 'CaughtUp')
      expect(caughtUpAt).toBeGreaterThanOrEqual(0)
      expect(idsOf(got.slice(0, caughtUpAt))).toEqual(ids)
    })

    it('starts strictly after the given position', async () => {
      const { prefix, ids } = await seed('sub-from', 6)
      const stored = await ok(ctx.store().readAll({ filter: { streamPrefixes: [prefix] } }))
      for (const k of [0, 2, 5]) {
        const from = stored[k]?.position ?? 0n
        const got = await collect(
          ctx.store().subscribe({ from, filter: { streamPrefixes: [prefix] } }),
          caughtUp,
        )
        expect(idsOf(got)).toEqual(ids.slice(k + 1))
      }
    })

    it('filters by event type', async () => {
      const { prefix } = await seed('sub-types', 9)
      const stored = await ok(
        ctx.store().readAll({ filter: { streamPrefixes: [prefix], eventTypes: ['ItemRemoved'] } }),
      )
      const got = await collect(
        ctx
          .store()
          .subscribe({ from: 'start', filter: { streamPrefixes: [prefix], eventTypes: ['ItemRemoved'] } }),
        caughtUp,
      )
      expect(idsOf(got)).toEqual(stored.map((e) => e.id))
      expect(eventsOf(got).every((e) => e.event.type === 'ItemRemoved')).toBe(true)
    })

    it('sends checkpoints from which a new subscription resumes after exactly the events already seen', async () => {
      const { prefix, ids } = await seed('sub-checkpoint', 10)
      const filter = { streamPrefixes: [prefix] }
      const got = await collect(
        ctx.store().subscribe({ from: 'start', filter, checkpointInterval: 2 }),
        caughtUp,
      )
      const checkpoints = got.flatMap((m, i) =>
        m._tag === 'Checkpoint' ? [{ at: i, position: m.position }] : [],
      )
      expect(checkpoints.length).toBeGreaterThanOrEqual(1)
      for (const { at, position } of checkpoints) {
        const seen = eventsOf(got.slice(0, at))
        expect(seen.every((e) => e.position <= position)).toBe(true)
        const resumed = await collect(ctx.store().subscribe({ from: position, filter }), caughtUp)
        expect([...seen.map((e) => e.id), ...idsOf(resumed)]).toEqual(ids)
      }
    })

    it('feeds a slow consumer with a small buffer every event once, in order, while writers go on', async () => {
      const prefix = ctx.prefix('sub-slow')
      const before = fresh(...Array.from({ length: 120 }, (_, i) => itemAdded(`b${i}`)))
      await appendOk(ctx.store(), `${prefix}s`, before)
      const subscription = ctx
        .store()
        .subscribe({ from: 'start', filter: { streamPrefixes: [prefix] }, bufferSize: 4 })
      const during = fresh(...Array.from({ length: 60 }, (_, i) => itemAdded(`d${i}`)))
      const writer = (async () => {
        for (const event of during) await appendOk(ctx.store(), `${prefix}s`, [event])
      })()
      const received: Array<string> = []
      for await (const message of subscription) {
        if (message._tag !== 'Event') continue
        received.push(message.event.id)
        await (received.length % 20 === 0 ? pause(5) : tick())
        if (received.length === before.length + during.length) break
      }
      await writer
      expect(received).toEqual([...before, ...during].map((e) => e.id))
    })

    it('ends an iteration waiting for live events when closed', async () => {
      const { prefix } = await seed('sub-close', 2)
      const subscription = ctx.store().subscribe({ from: 'start', filter: { streamPrefixes: [prefix] } })
      const seen: Array<SubscriptionMessage<TestEvent>['_tag']> = []
      const live = signal()
      const loop = (async () => {
        for await (const message of subscription) {
          seen.push(message._tag)
          if (message._tag === 'CaughtUp') live.done()
          await tick()
        }
        return 'ended'
      })()
      // Closed while it waits for live events: once it has caught up, not after a guessed delay.
      await live.reached
      await subscription.close()
      expect(await Promise.race([loop, pause(5_000).then(() => 'still running')])).toBe('ended')
      expect(seen).toContain('CaughtUp')
      await appendOk(ctx.store(), `${prefix}0`, fresh(itemAdded('after-close')))
      await pause(20)
      expect(seen.filter((t) => t === 'Event')).toHaveLength(2)
    })

    it('ends when the consumer breaks out of the loop, and closing the store ends the others', async () => {
      const { store, dispose } = await ctx.freshStore()
      try {
        const prefix = ctx.prefix('sub-store-close')
        await appendOk(store, `${prefix}s`, fresh(itemAdded('1'), itemAdded('2')))
        let first = 0
        for await (const message of store.subscribe({
          from: 'start',
          filter: { streamPrefixes: [prefix] },
        })) {
          // On a shared log a checkpoint may come before our first event: break on the first event.
          if (message._tag !== 'Event') continue
          first += 1
          break
        }
        expect(first).toBe(1)
        const open = store.subscribe({ from: 'start', filter: { streamPrefixes: [prefix] } })
        const live = signal()
        const loop = (async () => {
          const tags: Array<string> = []
          for await (const message of open) {
            tags.push(message._tag)
            if (message._tag === 'CaughtUp') live.done()
            await tick()
          }
          return tags
        })()
        // The store closes once this subscription has delivered its catch-up, whatever the load.
        await live.reached
        await store.close()
        const tags = await Promise.race([loop, pause(5_000).then(() => ['still running'])])
        expect(tags).not.toContain('still running')
        expect(tags.filter((t) => t === 'Event')).toHaveLength(2)
      } finally {
        await dispose()
      }
    })
  })
}
