// ---------------------------------------------------------------------------------------------
// model: the one seeded generator (mulberry32) of the project, for whatever must draw the same
// choices from the same seed everywhere (the demo's network, the testing kit's journey scripts).
// Deterministic: the seed is an input, nothing is read from the outside.
// ---------------------------------------------------------------------------------------------

/** A deterministic source of randomness. */
export interface Prng {
  /** A float in [0, 1). */
  readonly next: () => number
  /** An integer in [min, max], both included. */
  readonly int: (min: number, max: number) => number
  /** True with probability p. */
  readonly chance: (p: number) => boolean
  /** One element of a non-empty list. */
  readonly pick: <T>(values: ReadonlyArray<T>) => T
  /** One element, drawn with the given weights (an element of weight 0 is never drawn). */
  readonly weighted: <T>(entries: ReadonlyArray<readonly [T, number]>) => T
  /** An independent generator derived from this one's seed and a label (stable per label). */
  readonly fork: (label: string | number) => Prng
  /** Where the generator stands: `resumePrng` of it draws what this one would draw next. */
  readonly save: () => PrngState
}

/**
 * A generator's seed and position, two numbers: what a program holding many generators between
 * uses (the demo's young people) keeps in place of the generator's closures.
 */
export interface PrngState {
  readonly seed: number
  readonly at: number
}

const hash = (seed: number, label: string): number => {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0
  return h
}

/**
 * A mulberry32 generator from a 32-bit seed.
 *
 * @example
 * import { createPrng } from '@parcours/domain'
 *
 * const rng = createPrng(42)
 * const age = rng.int(16, 25) // the same for seed 42 on every machine
 * const track = rng.weighted([['employment', 3], ['training', 1]] as const)
 * const perMissionLocale = rng.fork('ml-rouen') // its own stable sequence
 */
export const createPrng = (seed: number): Prng => resumePrng({ seed, at: seed >>> 0 })

/**
 * The generator a `save` describes: it draws what the saved one would have drawn next, and forks
 * as it would.
 *
 * @example
 * import { createPrng, resumePrng } from '@parcours/domain'
 *
 * const rng = createPrng(42)
 * rng.next()
 * const kept = rng.save() // two numbers, where the generator is a handful of closures
 * resumePrng(kept).next() === rng.next() // true
 */
export const resumePrng = ({ seed, at }: PrngState): Prng => {
  let a = at >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(values: ReadonlyArray<T>): T => values[Math.floor(next() * values.length)] as T
  const weighted = <T>(entries: ReadonlyArray<readonly [T, number]>): T => {
    const total = entries.reduce((s, [, w]) => s + w, 0)
    let r = next() * total
    for (const [value, w] of entries) {
      if (w > 0 && r < w) return value
      r -= w
    }
    // Rounding can leave r at the total: the last element that can be drawn.
    const drawable = entries.filter(([, w]) => w > 0)
    const last = drawable[drawable.length - 1] ?? entries[entries.length - 1]
    return (last as readonly [T, number])[0]
  }
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted,
    fork: (label) => createPrng(hash(seed, String(label))),
    save: () => ({ seed, at: a }),
  }
}
