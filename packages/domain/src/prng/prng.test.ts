import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPrng, resumePrng } from './prng.js'

describe('seeded PRNG', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const a = createPrng(seed)
        const b = createPrng(seed)
        const c = createPrng(seed + 1)
        const sa = Array.from({ length: 8 }, a.next)
        expect(Array.from({ length: 8 }, b.next)).toEqual(sa)
        expect(Array.from({ length: 8 }, c.next)).not.toEqual(sa)
      }),
      { numRuns: 50 },
    )
  })
  it('stays within bounds', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (seed, min, span) => {
          const p = createPrng(seed)
          for (let i = 0; i < 20; i++) {
            const n = p.int(min, min + span)
            expect(n).toBeGreaterThanOrEqual(min)
            expect(n).toBeLessThanOrEqual(min + span)
            const f = p.next()
            expect(f >= 0 && f < 1).toBe(true)
          }
        },
      ),
      { numRuns: 50 },
    )
  })
  it('forks stable, independent generators per label', () => {
    const p = createPrng(42)
    expect(p.fork('a').next()).toBe(createPrng(42).fork('a').next())
    expect(p.fork('a').next()).not.toBe(p.fork('b').next())
  })
  it('resumes from a save where the generator stood: the same draws and the same forks', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 32 }), fc.nat({ max: 40 }), (seed, drawn) => {
        const p = createPrng(seed)
        for (let i = 0; i < drawn; i++) p.next()
        const resumed = resumePrng(p.save())
        expect(resumed.fork('x').next()).toBe(p.fork('x').next())
        expect(Array.from({ length: 8 }, () => resumed.int(0, 1000))).toEqual(
          Array.from({ length: 8 }, () => p.int(0, 1000)),
        )
        expect(resumed.save()).toEqual(p.save())
      }),
      { numRuns: 100 },
    )
  })
  it('draws weighted values in proportion', () => {
    const p = createPrng(7)
    let heavy = 0
    for (let i = 0; i < 2000; i++)
      if (
        p.weighted([
          ['x', 9],
          ['y', 1],
        ] as const) === 'x'
      )
        heavy++
    expect(heavy).toBeGreaterThan(1650)
    expect(heavy).toBeLessThan(1950)
  })
})

describe('weighted draws', () => {
  it('never draw an element of weight 0, wherever it sits', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 99 }), fc.constantFrom(0, 0, 1e-300, 1, 5)), {
          minLength: 1,
          maxLength: 8,
        }),
        (seed, raw) => {
          const entries = raw.map(([v, w], i) => [`${i}:${v}`, i === 0 ? w + 1 : w] as const)
          const p = createPrng(seed)
          for (let i = 0; i < 50; i++) {
            const drawn = p.weighted(entries)
            expect(entries.find(([v]) => v === drawn)?.[1]).toBeGreaterThan(0)
          }
        },
      ),
      { numRuns: 100 },
    )
  })
})
