import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { caughtUp, collect, eventsOf, ok, type ConformanceContext } from './fixtures.js'
import { itemAdded, itemRemoved, type TestEvent } from './testEvents.js'

const batchesArb = (maxLength: number) =>
  fc.array(
    fc.tuple(
      fc.integer({ min: 0, max: 2 }),
      fc.array(
        fc.oneof(
          fc.constantFrom('p', 'q').map((sku) => itemAdded(sku)),
          fc.constantFrom('p', 'q').map(itemRemoved),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    ),
    { maxLength },
  )

/** The property that makes projections safe: resuming from any checkpoint loses and repeats nothing. */
export const describeResumeConformance = (ctx: ConformanceContext, numRuns: number): void => {
  describe('resuming a subscription', () => {
    it('a subscription started from any checkpoint delivers every later event exactly once and in order', async () => {
      await fc.assert(
        fc.asyncProperty(
          batchesArb(6).filter((b) => b.length > 0),
          batchesArb(5),
          fc.integer({ min: 1, max: 5 }),
          fc.nat(),
          async (before, after, interval, pick) => {
            const prefix = ctx.prefix('resume')
            const filter = { streamPrefixes: [prefix] }
            const append = async ([stream, events]: readonly [number, ReadonlyArray<TestEvent>]) => {
              const batch = events.map((event) => ({ id: randomUUID(), event }))
              await ok(ctx.store().append(`${prefix}${stream}`, 'any', batch))
              return batch.map((e) => e.id)
            }
            for (const batch of before) await append(batch)

            const first = await collect(
              ctx.store().subscribe({ from: 'start', filter, checkpointInterval: interval }),
              caughtUp,
            )
            const checkpoints = first.flatMap((m) => (m._tag === 'Checkpoint' ? [m.position] : []))
            expect(checkpoints.length).toBeGreaterThan(0)
            const from = checkpoints[pick % checkpoints.length] ?? 0n

            const laterStored = eventsOf(first)
              .filter((e) => e.position > from)
              .map((e) => e.id)
            const liveCount = after.reduce((n, [, events]) => n + events.length, 0)
            const resumed = collect(
              ctx.store().subscribe({ from, filter, checkpointInterval: interval }),
              (m) =>
                laterStored.length + liveCount === 0
                  ? caughtUp(m)
                  : eventsOf(m).length >= laterStored.length + liveCount,
            )
            const live: Array<string> = []
            for (const batch of after) live.push(...(await append(batch)))
            expect(eventsOf(await resumed).map((e) => e.id)).toEqual([...laterStored, ...live])
          },
        ),
        { numRuns },
      )
    })
  })
}
