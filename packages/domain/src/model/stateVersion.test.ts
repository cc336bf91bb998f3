import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { journeyDecider } from '../decider/journeyDecider.js'
import { arbJourneyHistory } from '../testing/arbitraries.js'
import { JOURNEY_STATE_VERSION, type JourneyState } from './state.js'

// The states a command handler saves (its snapshots) are JSON, tagged with JOURNEY_STATE_VERSION.

/** A 53-bit hash of a string (cyrb53), in hexadecimal: enough to notice that folded states changed. */
const fingerprintOf = (text: string): string => {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16)
}

const foldedStates = (seed: number): ReadonlyArray<JourneyState> => {
  const [scripts] = fc.sample(
    arbJourneyHistory({ youths: 40, missionLocales: 3, steps: { min: 5, max: 60 } }),
    {
      numRuns: 1,
      seed,
    },
  )
  return (scripts ?? []).map((s) => s.events.reduce(journeyDecider.evolve, journeyDecider.initialState))
}

describe('journey state version', () => {
  it('names the states evolve folds: a change to them needs a new JOURNEY_STATE_VERSION', () => {
    const fingerprint = fingerprintOf(JSON.stringify(foldedStates(2026)))
    // If this fails after a change to the state or to evolve (or to the journey generators):
    // bump JOURNEY_STATE_VERSION, then record the new fingerprint here beside it.
    expect({ version: JOURNEY_STATE_VERSION, fingerprint }).toEqual({
      version: 'journey-state-1',
      fingerprint: 'ee4d064de2ed2',
    })
  })

  it('property: a folded state survives JSON unchanged, and decides as before', () => {
    fc.assert(
      fc.property(arbJourneyHistory({ youths: 2, steps: { min: 1, max: 50 } }), (scripts) => {
        for (const script of scripts) {
          let state = journeyDecider.initialState
          for (const [i, event] of script.events.entries()) {
            state = journeyDecider.evolve(state, event)
            const restored = JSON.parse(JSON.stringify(state)) as JourneyState
            expect(restored).toStrictEqual(state)
            const next = script.commands[Math.min(i + 1, script.commands.length - 1)]
            if (next !== undefined)
              expect(journeyDecider.decide(next, restored)).toStrictEqual(journeyDecider.decide(next, state))
          }
        }
      }),
      { numRuns: 40 },
    )
  })
})
