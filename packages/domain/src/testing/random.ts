// ---------------------------------------------------------------------------------------------
// A tiny seeded generator (mulberry32), so a script step's choices depend on its seed only.
// ---------------------------------------------------------------------------------------------

/** Deterministic choices drawn from a seed. */
export interface Random {
  /** An integer in [0, n). */
  readonly int: (n: number) => number
  /** An integer in [min, max]. */
  readonly between: (min: number, max: number) => number
  /** True with probability p. */
  readonly chance: (p: number) => boolean
  /** One element of a non-empty list. */
  readonly pick: <A>(values: ReadonlyArray<A>) => A
  /** One key chosen with weights (keys of weight 0 are never chosen). */
  readonly weighted: <K extends string>(weights: Readonly<Partial<Record<K, number>>>) => K
}

/** A Random seeded with an integer. */
export const seededRandom = (seed: number): Random => {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number): number => Math.floor(next() * n)
  return {
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    pick: (values) => values[int(values.length)] as (typeof values)[number],
    weighted: <K extends string>(weights: Readonly<Partial<Record<K, number>>>): K => {
      const entries = Object.entries(weights) as Array<[K, number]>
      const total = entries.reduce((sum, [, w]) => sum + w, 0)
      let r = next() * total
      for (const [k, w] of entries) {
        if (w > 0 && r < w) return k
        r -= w
      }
      return entries.find(([, w]) => w > 0)?.[0] ?? entries[0]![0]
    },
  }
}
