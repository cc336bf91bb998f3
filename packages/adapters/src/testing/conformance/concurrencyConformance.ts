import { describe, expect, it } from 'vitest'
import type { StoreError } from '@parcours/domain'
import { fresh, ok, type ConformanceContext } from './fixtures.js'
import { itemAdded } from './testEvents.js'

/** Concurrency tests: many writers on one stream through the port. */
export const describeConcurrencyConformance = (ctx: ConformanceContext): void => {
  describe('concurrent writers', () => {
    it('lose no update: each writer reads, appends at the exact revision and retries on conflict', async () => {
      const name = `${ctx.prefix('race')}s`
      const writers = 8
      const perWriter = 5
      const failures: Array<StoreError> = []
      const writer = async (w: number) => {
        const mine: Array<string> = []
        for (let n = 0; n < perWriter; n++) {
          for (;;) {
            const read = await ok(ctx.store().readStream(name))
            const last = read[read.length - 1]
            const batch = fresh(itemAdded(`w${w}-${n}`))
            const result = await ctx
              .store()
              .append(name, last === undefined ? 'no-stream' : last.revision, batch)()
            if (result._tag === 'Right') {
              mine.push(batch[0]?.id ?? '')
              break
            }
            failures.push(result.left)
          }
        }
        return mine
      }
      const written = (await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)))).flat()
      const stored = await ok(ctx.store().readStream(name))
      expect(stored.map((e) => e.revision)).toEqual(
        Array.from({ length: writers * perWriter }, (_, i) => BigInt(i)),
      )
      expect(new Set(stored.map((e) => e.id))).toEqual(new Set(written))
      expect(failures.every((f) => f._tag === 'WrongExpectedRevision')).toBe(true)
      if (ctx.concurrentWriters) expect(failures.length).toBeGreaterThan(0)
    })

    it('let exactly one of several no-stream writers create a stream; the others get the actual revision', async () => {
      const name = `${ctx.prefix('create')}s`
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          ctx.store().append(name, 'no-stream', fresh(itemAdded(`${i}`), itemAdded(`${i}`)))(),
        ),
      )
      expect(results.filter((r) => r._tag === 'Right')).toHaveLength(1)
      for (const r of results) {
        if (r._tag === 'Left')
          expect(r.left).toEqual({
            _tag: 'WrongExpectedRevision',
            streamName: name,
            expected: 'no-stream',
            actual: 1n,
          })
      }
      expect(await ok(ctx.store().readStream(name))).toHaveLength(2)
    })

    it('write every batch of concurrent any-writers, each batch contiguous', async () => {
      const name = `${ctx.prefix('any')}s`
      const batches = Array.from({ length: 10 }, (_, b) =>
        fresh(itemAdded(`${b}-0`), itemAdded(`${b}-1`), itemAdded(`${b}-2`)),
      )
      const results = await Promise.all(batches.map((batch) => ok(ctx.store().append(name, 'any', batch))))
      const stored = await ok(ctx.store().readStream(name))
      expect(stored).toHaveLength(30)
      expect(new Set(results.map((r) => r.nextExpectedRevision)).size).toBe(10)
      for (const [b, batch] of batches.entries()) {
        const last = results[b]?.nextExpectedRevision ?? -1n
        expect(stored.slice(Number(last) - 2, Number(last) + 1).map((e) => e.id)).toEqual(
          batch.map((e) => e.id),
        )
      }
    })
  })
}
