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

/** A journey Decider with some policy values overridden (the rest are the defaults of docs/domain.md). */
export const createJourneyDecider = (policy: Partial<JourneyPolicy> = {}): JourneyDecider => {
  const full = journeyPolicy(policy)
  return {
    initialState: initialJourneyState,
    evolve: evolveJourney,
    decide: decideWithPolicy(full),
    policy: full,
  }
}

/**
 * The journey Decider with the default policy.
 *
 * @example
 * import { isRight } from 'fp-ts/lib/Either.js'
 * import { decodeCommand, describeJourneyError, journeyDecider } from '@parcours/domain'
 *
 * const command = decodeCommand({
 *   type: 'RegisterYouth',
 *   youthId: 'y-1',
 *   missionLocaleId: 'ml-rouen',
 *   on: '2025-01-10',
 *   counsellorId: 'c-1',
 *   birthDate: '2005-06-15',
 *   rqth: false,
 *   personalData: null,
 * })
 * if (isRight(command)) {
 *   const decision = journeyDecider.decide(command.right, journeyDecider.initialState)
 *   const outcome = isRight(decision)
 *     ? decision.right.reduce(journeyDecider.evolve, journeyDecider.initialState) // the new state
 *     : describeJourneyError(decision.left) // which rule refused, in one sentence
 * }
 */
export const journeyDecider: JourneyDecider = createJourneyDecider()

/**
 * `decide` of the default journey Decider.
 *
 * @example
 * import { decideJourney, foldJourney, type JourneyCommand, type JourneyEvent } from '@parcours/domain'
 *
 * declare const stream: ReadonlyArray<JourneyEvent> // the journey's events, in order
 * declare const command: JourneyCommand // decoded at the edge with decodeCommand
 * const decision = decideJourney(command, foldJourney(stream))
 * // Right: the events to append, all dated command.on; Left: a JourneyError saying which rule refused
 */
export const decideJourney = journeyDecider.decide
