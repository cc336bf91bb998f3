import { createPrng } from '../prng/prng.js'

// ---------------------------------------------------------------------------------------------
// The testing kit's view of the domain's seeded generator, so a script step's choices depend on
// its seed only.
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

/** A Random seeded with an integer: `createPrng` of the domain, keyed by name. */
export const seededRandom = (seed: number): Random => {
  const prng = createPrng(seed)
  return {
    int: (n) => prng.int(0, n - 1),
    between: prng.int,
    chance: prng.chance,
    pick: prng.pick,
    weighted: <K extends string>(weights: Readonly<Partial<Record<K, number>>>): K =>
      prng.weighted(Object.entries(weights) as Array<[K, number]>),
  }
}
