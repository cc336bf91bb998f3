// ---------------------------------------------------------------------------------------------
// model: a small seeded PRNG (mulberry32), so the same seed gives the same network everywhere.
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
  /** One element, drawn with the given weights. */
  readonly weighted: <T>(entries: ReadonlyArray<readonly [T, number]>) => T
  /** An independent generator derived from this one's seed and a label (stable per label). */
  readonly fork: (label: string | number) => Prng
}

const hash = (seed: number, label: string): number => {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0
  return h
}

/** A mulberry32 generator from a 32-bit seed. */
export const createPrng = (seed: number): Prng => {
  let a = seed >>> 0
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
      if (r < w) return value
      r -= w
    }
    return (entries[entries.length - 1] as readonly [T, number])[0]
  }
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted,
    fork: (label) => createPrng(hash(seed, String(label))),
  }
}
