import { describe, expect, it } from 'vitest'
import type { RecordedEvent } from '@parcours/domain'
import { appendOk, fresh, ok, type ConformanceContext } from './fixtures.js'
import { cartCheckedOut, itemAdded, itemRemoved, type TestEvent } from './testEvents.js'

const ids = (events: ReadonlyArray<RecordedEvent<TestEvent>>) => events.map((e) => e.id)

/** Example tests for reading a stream and the global log. */
export const describeReadConformance = (ctx: ConformanceContext): void => {
  describe('readStream', () => {
    const fiveEvents = async () => {
      const name = `${ctx.prefix('read')}s`
      const batch = fresh(itemAdded('a'), itemAdded('b'), itemRemoved('a'), itemAdded('c'), cartCheckedOut(5))
      await appendOk(ctx.store(), name, batch)
      return { name, batch: batch.map((e) => e.id) }
    }

    it('reads forwards by default and backwards on request', async () => {
      const { name, batch } = await fiveEvents()
      expect(ids(await ok(ctx.store().readStream(name)))).toEqual(batch)
      expect(ids(await ok(ctx.store().readStream(name, { direction: 'forwards' })))).toEqual(batch)
      expect(ids(await ok(ctx.store().readStream(name, { direction: 'backwards' })))).toEqual(
        [...batch].reverse(),
      )
    })

    it('starts at fromRevision, inclusive, in both directions', async () => {
      const { name, batch } = await fiveEvents()
      expect(ids(await ok(ctx.store().readStream(name, { fromRevision: 2n })))).toEqual(batch.slice(2))
      expect(
        ids(await ok(ctx.store().readStream(name, { fromRevision: 2n, direction: 'backwards' }))),
      ).toEqual(batch.slice(0, 3).reverse())
      expect(await ok(ctx.store().readStream(name, { fromRevision: 5n }))).toEqual([])
    })

    it('stops after maxCount events in both directions', async () => {
      const { name, batch } = await fiveEvents()
      expect(ids(await ok(ctx.store().readStream(name, { maxCount: 2 })))).toEqual(batch.slice(0, 2))
      expect(ids(await ok(ctx.store().readStream(name, { maxCount: 2, direction: 'backwards' })))).toEqual(
        batch.slice(3).reverse(),
      )
      expect(ids(await ok(ctx.store().readStream(name, { fromRevision: 1n, maxCount: 3 })))).toEqual(
        batch.slice(1, 4),
      )
      // At most maxCount: a fraction rounds down, nothing below one, no limit at Infinity.
      for (const direction of ['forwards', 'backwards'] as const) {
        expect(await ok(ctx.store().readStream(name, { maxCount: 2.5, direction }))).toHaveLength(2)
        expect(await ok(ctx.store().readStream(name, { maxCount: 0, direction }))).toEqual([])
        expect(await ok(ctx.store().readStream(name, { maxCount: -1, direction }))).toEqual([])
        expect(
          await ok(ctx.store().readStream(name, { maxCount: Number.POSITIVE_INFINITY, direction })),
        ).toHaveLength(5)
      }
    })

    it('reads a missing stream as empty, in both directions', async () => {
      const name = `${ctx.prefix('missing')}s`
      expect(await ok(ctx.store().readStream(name))).toEqual([])
      expect(await ok(ctx.store().readStream(name, { direction: 'backwards' }))).toEqual([])
    })

    it('numbers revisions from 0n without gaps and gives each event its stream name', async () => {
      const { name } = await fiveEvents()
      const read = await ok(ctx.store().readStream(name))
      expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n])
      expect(read.every((e) => e.streamName === name)).toBe(true)
    })
  })

  describe('readAll', () => {
    /** Three streams under one prefix, events interleaved across them; one stream outside it. */
    const scene = async () => {
      const prefix = ctx.prefix('all')
      const written: Array<string> = []
      const plan: ReadonlyArray<readonly [string, TestEvent]> = [
        ['a', itemAdded('1')],
        ['b', itemAdded('2')],
        ['a', itemRemoved('1')],
        ['c', cartCheckedOut(3)],
        ['b', itemRemoved('2')],
        ['a', cartCheckedOut(7)],
        ['c', itemAdded('4')],
      ]
      for (const [stream, event] of plan) {
        const batch = fresh(event)
        await appendOk(ctx.store(), `${prefix}${stream}`, batch)
        written.push(batch[0]?.id ?? '')
      }
      await appendOk(ctx.store(), `${ctx.prefix('elsewhere')}x`, fresh(itemAdded('outside')))
      return { prefix, written, plan }
    }

    it('reads the streams under a prefix in global order, forwards and backwards', async () => {
      const { prefix, written } = await scene()
      const forwards = await ok(ctx.store().readAll({ filter: { streamPrefixes: [prefix] } }))
      expect(ids(forwards)).toEqual(written)
      const positions = forwards.map((e) => e.position)
      expect(positions.every((p, i) => i === 0 || p > (positions[i - 1] ?? p))).toBe(true)
      expect(
        ids(await ok(ctx.store().readAll({ direction: 'backwards', filter: { streamPrefixes: [prefix] } }))),
      ).toEqual([...written].reverse())
    })

    it('filters by several prefixes and by event types', async () => {
      const { prefix, written, plan } = await scene()
      const inAorC = written.filter((_, i) => plan[i]?.[0] !== 'b')
      expect(
        ids(await ok(ctx.store().readAll({ filter: { streamPrefixes: [`${prefix}a`, `${prefix}c`] } }))),
      ).toEqual(inAorC)
      const added = written.filter((_, i) => plan[i]?.[1].type === 'ItemAdded')
      expect(
        ids(
          await ok(ctx.store().readAll({ filter: { streamPrefixes: [prefix], eventTypes: ['ItemAdded'] } })),
        ),
      ).toEqual(added)
      const twoTypes = written.filter((_, i) => plan[i]?.[1].type !== 'ItemRemoved')
      const filter = { streamPrefixes: [prefix], eventTypes: ['ItemAdded', 'CartCheckedOut'] }
      expect(ids(await ok(ctx.store().readAll({ filter, direction: 'backwards' })))).toEqual(
        [...twoTypes].reverse(),
      )
    })

    it('starts forwards at fromPosition inclusive, backwards strictly before it', async () => {
      const { prefix, written } = await scene()
      const filter = { streamPrefixes: [prefix] }
      const all = await ok(ctx.store().readAll({ filter }))
      const third = all[3]?.position ?? 0n
      expect(ids(await ok(ctx.store().readAll({ filter, fromPosition: third })))).toEqual(written.slice(3))
      expect(
        ids(await ok(ctx.store().readAll({ filter, fromPosition: third, direction: 'backwards' }))),
      ).toEqual(written.slice(0, 3).reverse())
    })

    it('stops after maxCount events in both directions', async () => {
      const { prefix, written } = await scene()
      const filter = { streamPrefixes: [prefix] }
      expect(ids(await ok(ctx.store().readAll({ filter, maxCount: 3 })))).toEqual(written.slice(0, 3))
      expect(ids(await ok(ctx.store().readAll({ filter, maxCount: 2, direction: 'backwards' })))).toEqual(
        written.slice(-2).reverse(),
      )
      for (const direction of ['forwards', 'backwards'] as const) {
        expect(await ok(ctx.store().readAll({ filter, maxCount: 2.5, direction }))).toHaveLength(2)
        expect(await ok(ctx.store().readAll({ filter, maxCount: 0, direction }))).toEqual([])
        expect(await ok(ctx.store().readAll({ filter, maxCount: -1, direction }))).toEqual([])
        expect(
          await ok(ctx.store().readAll({ filter, maxCount: Number.POSITIVE_INFINITY, direction })),
        ).toHaveLength(written.length)
      }
    })

    it('reads nothing under a prefix no stream has', async () => {
      expect(await ok(ctx.store().readAll({ filter: { streamPrefixes: [ctx.prefix('nobody')] } }))).toEqual(
        [],
      )
    })
  })
}
