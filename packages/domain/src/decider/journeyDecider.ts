import type { JourneyCommand } from '../model/commands.js'
import type { JourneyError } from '../model/errors.js'
import type { JourneyEvent } from '../model/events.js'
import type { JourneyState } from '../model/state.js'
import { initialJourneyState } from '../model/state.js'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'
import { journeyPolicy } from '../policy/journeyPolicy.js'
import { decideWithPolicy } from './decide.js'
import type { Decider } from './decider.js'
import { evolveJourney } from './evolve.js'

// ---------------------------------------------------------------------------------------------
// The journey Decider.
// ---------------------------------------------------------------------------------------------

/** The Decider of one young person's journey. */
export type JourneyDecider = Decider<JourneyCommand, JourneyState, JourneyEvent, JourneyError> & {
  readonly policy: JourneyPolicy
}

/** A journey Decider with some policy values overridden (the rest are DOMAIN.md's defaults). */
export const createJourneyDecider = (policy: Partial<JourneyPolicy> = {}): JourneyDecider => {
  const full = journeyPolicy(policy)
  return {
    initialState: initialJourneyState,
    evolve: evolveJourney,
    decide: decideWithPolicy(full),
    policy: full,
  }
}

/** The journey Decider with the default policy. */
export const journeyDecider: JourneyDecider = createJourneyDecider()

/** `decide` of the default journey Decider. */
export const decideJourney = journeyDecider.decide
