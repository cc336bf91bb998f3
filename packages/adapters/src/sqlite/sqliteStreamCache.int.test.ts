import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { isRight } from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { itemAdded, testEventCodec } from '@parcours/adapters/testing'
import { getSqliteEventStore } from './sqliteEventStore.js'

describe('SQLite stream reads through the decoded-event cache', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parcours-cache-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('read what another connection appended since, and hand back frozen events', async () => {
    const path = join(dir, 'events.db')
    const reader = getSqliteEventStore({ path, codec: testEventCodec })
    const writer = getSqliteEventStore({ path, codec: testEventCodec })
    const first = await writer.append('cart-1', 'no-stream', [{ id: 'a', event: itemAdded('a') }])()
    expect(isRight(first)).toBe(true)
    const before = await reader.readStream('cart-1')()
    const more = await writer.append('cart-1', 0n, [
      { id: 'b', event: itemAdded('b') },
      { id: 'c', event: itemAdded('c') },
    ])()
    expect(isRight(more)).toBe(true)
    const after = await reader.readStream('cart-1')()
    if (!isRight(before) || !isRight(after)) throw new Error('read failed')
    expect(before.right.map((e) => e.id)).toEqual(['a'])
    expect(after.right.map((e) => e.id)).toEqual(['a', 'b', 'c'])
    expect(after.right.every((e) => Object.isFrozen(e) && Object.isFrozen(e.event))).toBe(true)
    await Promise.all([reader.close(), writer.close()])
  })

  let run = 0
  it('property: with a cache of any size, every read equals the same read without the cache', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.array(
          fc.oneof(
            fc.record({ append: fc.integer({ min: 0, max: 2 }), events: fc.integer({ min: 1, max: 4 }) }),
            fc.record({
              read: fc.integer({ min: 0, max: 2 }),
              from: fc.integer({ min: -1, max: 6 }),
              max: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
            }),
          ),
          { maxLength: 30 },
        ),
        async (cacheSize, steps) => {
          const path = join(dir, `events-${run++}.db`)
          const cached = getSqliteEventStore({ path, codec: testEventCodec, cacheSize })
          const plain = getSqliteEventStore({ path, codec: testEventCodec, cacheSize: 0 })
          let id = 0
          for (const step of steps) {
            if ('append' in step) {
              const events = Array.from({ length: step.events }, () => ({
                id: `e-${id++}`,
                event: itemAdded('x'),
              }))
              expect(isRight(await cached.append(`cart-${step.append}`, 'any', events)())).toBe(true)
            } else {
              const options = {
                fromRevision: BigInt(step.from),
                ...(step.max === undefined ? {} : { maxCount: step.max }),
              }
              const a = await cached.readStream(`cart-${step.read}`, options)()
              const b = await plain.readStream(`cart-${step.read}`, options)()
              expect(a).toEqual(b)
            }
          }
          await Promise.all([cached.close(), plain.close()])
        },
      ),
      { numRuns: 30 },
    )
  })
})
