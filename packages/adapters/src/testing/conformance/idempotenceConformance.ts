import { describe, expect, it } from 'vitest'
import type { ExpectedRevision } from '@parcours/domain'
import { appendOk, fails, fresh, ok, type ConformanceContext } from './fixtures.js'
import { itemAdded, itemRemoved } from './testEvents.js'

/** Example tests for idempotent re-appends, in every expectation mode. */
export const describeIdempotenceConformance = (ctx: ConformanceContext): void => {
  describe('idempotent re-append', () => {
    const modes: ReadonlyArray<{
      readonly mode: string
      readonly before: number
      readonly expected: ExpectedRevision
    }> = [
      { mode: 'no-stream', before: 0, expected: 'no-stream' },
      { mode: 'an exact revision', before: 2, expected: 1n },
      { mode: 'any', before: 2, expected: 'any' },
      { mode: 'exists', before: 2, expected: 'exists' },
    ]
    for (const { mode, before, expected } of modes) {
      it(`re-appending the same ids with ${mode} writes nothing and returns the first result`, async () => {
        const name = `${ctx.prefix('idem')}s`
        if (before > 0)
          await appendOk(
            ctx.store(),
            name,
            fresh(...Array.from({ length: before }, (_, i) => itemAdded(`p${i}`))),
          )
        const batch = fresh(itemAdded('a'), itemRemoved('a'))
        const first = await ok(ctx.store().append(name, expected, batch))
        await appendOk(ctx.store(), name, fresh(itemAdded('later')))
        const again = await ok(ctx.store().append(name, expected, batch))
        expect(again).toEqual(first)
        const read = await ok(ctx.store().readStream(name))
        expect(read).toHaveLength(before + 3)
        expect(new Set(read.map((e) => e.id)).size).toBe(before + 3)
      })
    }

    it('a batch whose first id differs after a stale exact revision is a conflict', async () => {
      const name = `${ctx.prefix('idem-differs')}s`
      const batch = fresh(itemAdded('a'), itemAdded('b'))
      await ok(ctx.store().append(name, 'no-stream', batch))
      const error = await fails(ctx.store().append(name, 'no-stream', fresh(itemAdded('a'), itemAdded('b'))))
      expect(error).toMatchObject({ _tag: 'WrongExpectedRevision', expected: 'no-stream', actual: 1n })
      expect(await ok(ctx.store().readStream(name))).toHaveLength(2)
    })
  })
}
