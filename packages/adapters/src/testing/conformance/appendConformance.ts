import { describe, expect, it } from 'vitest'
import type { ExpectedRevision } from '@parcours/domain'
import { appendOk, fails, fresh, ok, type ConformanceContext } from './fixtures.js'
import { cartCheckedOut, itemAdded, itemRemoved, type TestEvent } from './testEvents.js'

/** Example tests for appends: every expectation both ways, empty and invalid batches, atomicity. */
export const describeAppendConformance = (ctx: ConformanceContext): void => {
  describe('append', () => {
    const stream = (label: string) => `${ctx.prefix(label)}s`
    const withEvents = async (label: string, count: number) => {
      const name = stream(label)
      await appendOk(
        ctx.store(),
        name,
        fresh(...Array.from({ length: count }, (_, i) => itemAdded(`sku-${i}`))),
      )
      return name
    }

    it('numbers a new stream from revision 0n and returns the last revision', async () => {
      const name = stream('new')
      const first = await ok(ctx.store().append(name, 'no-stream', fresh(itemAdded('a'))))
      expect(first.nextExpectedRevision).toBe(0n)
      const next = await ok(
        ctx.store().append(name, 0n, fresh(itemAdded('b'), itemRemoved('a'), cartCheckedOut(10))),
      )
      expect(next.nextExpectedRevision).toBe(3n)
      expect(next.position > first.position).toBe(true)
    })

    it('returns the global position of the last event appended', async () => {
      const name = stream('position')
      const result = await ok(ctx.store().append(name, 'no-stream', fresh(itemAdded('a'), itemAdded('b'))))
      const read = await ok(ctx.store().readStream(name))
      expect(read.map((e) => e.revision)).toEqual([0n, 1n])
      expect(read[1]?.position).toBe(result.position)
      expect((read[0]?.position ?? 0n) < result.position).toBe(true)
    })

    const cases: ReadonlyArray<{
      readonly title: string
      readonly existing: number
      readonly expected: (current: bigint) => ExpectedRevision
      readonly actual?: 'no-stream' | bigint
    }> = [
      { title: 'no-stream on a missing stream succeeds', existing: 0, expected: () => 'no-stream' },
      {
        title: 'no-stream on an existing stream fails',
        existing: 2,
        expected: () => 'no-stream',
        actual: 1n,
      },
      { title: 'exists on an existing stream succeeds', existing: 1, expected: () => 'exists' },
      {
        title: 'exists on a missing stream fails',
        existing: 0,
        expected: () => 'exists',
        actual: 'no-stream',
      },
      { title: 'any on a missing stream succeeds', existing: 0, expected: () => 'any' },
      { title: 'any on an existing stream succeeds', existing: 3, expected: () => 'any' },
      { title: 'the exact current revision succeeds', existing: 3, expected: (c) => c },
      { title: 'a stale exact revision fails', existing: 3, expected: (c) => c - 1n, actual: 2n },
      {
        title: 'an exact revision ahead of the stream fails',
        existing: 2,
        expected: (c) => c + 1n,
        actual: 1n,
      },
      {
        title: 'an exact revision on a missing stream fails',
        existing: 0,
        expected: () => 0n,
        actual: 'no-stream',
      },
    ]
    for (const c of cases) {
      it(`${c.title}${c.actual === undefined ? '' : ', reporting expected and actual'}`, async () => {
        const name = c.existing === 0 ? stream('expect') : await withEvents('expect', c.existing)
        const expected = c.expected(BigInt(c.existing - 1))
        const result = await ctx.store().append(name, expected, fresh(cartCheckedOut(1)))()
        const after = await ok(ctx.store().readStream(name))
        if (c.actual === undefined) {
          expect(result).toMatchObject({ _tag: 'Right', right: { nextExpectedRevision: BigInt(c.existing) } })
          expect(after).toHaveLength(c.existing + 1)
        } else {
          expect(result).toEqual({
            _tag: 'Left',
            left: { _tag: 'WrongExpectedRevision', streamName: name, expected, actual: c.actual },
          })
          expect(after).toHaveLength(c.existing)
        }
      })
    }

    it('an empty batch checks the expectation, returns the current revision and writes nothing', async () => {
      const missing = stream('empty-missing')
      expect((await ok(ctx.store().append(missing, 'no-stream', []))).nextExpectedRevision).toBe(-1n)
      expect(await fails(ctx.store().append(missing, 'exists', []))).toMatchObject({
        _tag: 'WrongExpectedRevision',
        actual: 'no-stream',
      })
      const name = await withEvents('empty', 2)
      expect((await ok(ctx.store().append(name, 1n, []))).nextExpectedRevision).toBe(1n)
      expect((await ok(ctx.store().append(name, 'any', []))).nextExpectedRevision).toBe(1n)
      expect(await fails(ctx.store().append(name, 0n, []))).toMatchObject({
        _tag: 'WrongExpectedRevision',
        expected: 0n,
        actual: 1n,
      })
      expect(await ok(ctx.store().readStream(name))).toHaveLength(2)
      expect(await ok(ctx.store().readStream(missing))).toEqual([])
    })

    it('a batch with one payload failing its codec is an InvalidEvent and writes nothing', async () => {
      const name = stream('invalid')
      const bad = { type: 'ItemAdded', sku: 'x', quantity: 0 } as unknown as TestEvent
      const error = await fails(
        ctx.store().append(name, 'no-stream', fresh(itemAdded('a'), bad, itemAdded('c'))),
      )
      expect(error).toMatchObject({
        _tag: 'InvalidEvent',
        streamName: name,
        index: 1,
        error: { _tag: 'InvalidPayload', type: 'ItemAdded' },
      })
      expect(
        error._tag === 'InvalidEvent' && error.error._tag === 'InvalidPayload'
          ? error.error.paths.join()
          : '',
      ).toContain('quantity')
      expect(await ok(ctx.store().readStream(name))).toEqual([])
      expect(await ok(ctx.store().readAll({ filter: { streamPrefixes: [name] } }))).toEqual([])
    })

    it('an event of an unknown type is an InvalidEvent and writes nothing', async () => {
      const name = stream('unknown')
      const error = await fails(
        ctx.store().append(name, 'any', fresh({ type: 'Nonsense' } as unknown as TestEvent)),
      )
      expect(error).toMatchObject({
        _tag: 'InvalidEvent',
        index: 0,
        error: { _tag: 'UnknownEventType', type: 'Nonsense' },
      })
      expect(await ok(ctx.store().readStream(name))).toEqual([])
    })

    it('reads back each event with its id, payload, metadata, schema version and recording time', async () => {
      const name = stream('roundtrip')
      const batch = [
        {
          id: crypto.randomUUID(),
          event: itemAdded('a', 3),
          metadata: { correlationId: 'corr-1', causationId: 'cmd-1', tenant: 'ml-1' },
        },
        { id: crypto.randomUUID(), event: cartCheckedOut(1250) },
      ]
      await ok(ctx.store().append(name, 'no-stream', batch))
      const read = await ok(ctx.store().readStream(name))
      expect(
        read.map((e) => ({
          id: e.id,
          streamName: e.streamName,
          event: e.event,
          metadata: e.metadata,
          schemaVersion: e.schemaVersion,
        })),
      ).toEqual([
        {
          id: batch[0]?.id,
          streamName: name,
          event: itemAdded('a', 3),
          metadata: { correlationId: 'corr-1', causationId: 'cmd-1', tenant: 'ml-1' },
          schemaVersion: 2,
        },
        { id: batch[1]?.id, streamName: name, event: cartCheckedOut(1250), metadata: {}, schemaVersion: 1 },
      ])
      for (const e of read) expect(Number.isNaN(Date.parse(e.recordedAt))).toBe(false)
    })

    it('batches appended at once to one stream are never interleaved', async () => {
      const name = stream('atomic')
      const batches = Array.from({ length: 6 }, (_, b) =>
        fresh(...Array.from({ length: 4 }, (_, i) => itemAdded(`b${b}-${i}`))),
      )
      await Promise.all(batches.map((batch) => ok(ctx.store().append(name, 'any', batch))))
      const read = await ok(ctx.store().readStream(name))
      expect(read.map((e) => e.revision)).toEqual(Array.from({ length: 24 }, (_, i) => BigInt(i)))
      for (const batch of batches) {
        const at = read.findIndex((e) => e.id === batch[0]?.id)
        expect(read.slice(at, at + 4).map((e) => e.id)).toEqual(batch.map((e) => e.id))
      }
    })
  })
}
