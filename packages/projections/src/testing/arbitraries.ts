import fc from 'fast-check'
import type { JourneyEvent, RecordedEvent } from '@parcours/domain'
import { arbJourneyHistory } from '@parcours/domain/testing'
import { record } from './journeyBuilder.js'

// ---------------------------------------------------------------------------------------------
// Test support: generated histories (valid journeys from the domain's testing kit), recorded in a
// random interleaving of the streams, as a global log would hold them.
// ---------------------------------------------------------------------------------------------

/** A generated history: each young person's events, and one global order of them. */
export interface GeneratedHistory {
  readonly journeys: ReadonlyArray<ReadonlyArray<JourneyEvent>>
  /** The journey index giving its next event at each global position. */
  readonly order: ReadonlyArray<number>
  readonly recorded: ReadonlyArray<RecordedEvent<JourneyEvent>>
}

/** An interleaving of journeys of these lengths: at each step, which journey gives its next event. */
export const arbInterleaving = (lengths: ReadonlyArray<number>): fc.Arbitrary<ReadonlyArray<number>> => {
  const total = lengths.reduce((a, b) => a + b, 0)
  return fc.array(fc.nat(), { minLength: total, maxLength: total }).map((seeds) => {
    const left = [...lengths]
    const open = left.flatMap((n, i) => (n > 0 ? [i] : []))
    return seeds.map((seed) => {
      const slot = seed % open.length
      const i = open[slot] ?? 0
      left[i] = (left[i] ?? 0) - 1
      if (left[i] === 0) {
        open[slot] = open[open.length - 1] ?? 0
        open.pop()
      }
      return i
    })
  })
}

/** A generated history of `youths` young people over `missionLocales` mission locales. */
export const arbHistory = (
  o: {
    readonly youths?: number
    readonly missionLocales?: number
    readonly steps?: { min: number; max: number }
  } = {},
): fc.Arbitrary<GeneratedHistory> =>
  arbJourneyHistory({
    youths: o.youths ?? 6,
    missionLocales: o.missionLocales ?? 2,
    steps: o.steps ?? { min: 3, max: 25 },
  }).chain((scripts) => {
    const journeys = scripts.map((s) => s.events)
    return arbInterleaving(journeys.map((j) => j.length)).map((order) => ({
      journeys,
      order,
      recorded: record(journeys, order),
    }))
  })
