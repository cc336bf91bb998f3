import type { CounsellorId, MissionLocaleId, Prng } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// the simulated network: missions locales of different sizes, each with a few counsellors
// ---------------------------------------------------------------------------------------------

const CITIES = [
  'amiens',
  'besancon',
  'caen',
  'dijon',
  'grenoble',
  'limoges',
  'metz',
  'nantes',
  'poitiers',
  'rouen',
  'toulon',
  'tours',
] as const

/** A mission locale of the simulated network. */
export interface MissionLocale {
  readonly id: MissionLocaleId
  /** Relative share of the registrations it receives. */
  readonly weight: number
  readonly counsellors: ReadonlyArray<CounsellorId>
}

/** Builds `count` missions locales with 3 to 6 counsellors each. */
export const buildNetwork = (rng: Prng, count: number): ReadonlyArray<MissionLocale> =>
  Array.from({ length: count }, (_, i) => {
    const name = CITIES[i] ?? `ml${i + 1}`
    const counsellors = rng.int(3, 6)
    return {
      id: `ml-${name}` as MissionLocaleId,
      weight: counsellors + rng.int(0, 3),
      counsellors: Array.from({ length: counsellors }, (_, c) => `c-${name}-${c + 1}` as CounsellorId),
    }
  })
