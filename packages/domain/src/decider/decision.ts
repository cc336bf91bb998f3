import type { Either } from 'fp-ts/lib/Either.js'
import { left, right } from 'fp-ts/lib/Either.js'
import type { JourneyCommand } from '../model/commands.js'
import type { JourneyError } from '../model/errors.js'
import type { JourneyEvent } from '../model/events.js'
import type { LocalDate } from '../model/localDate.js'
import type { AgedJourney, RegisteredJourney } from '../model/state.js'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'

// ---------------------------------------------------------------------------------------------
// The shape shared by every rule of the decider.
// ---------------------------------------------------------------------------------------------

/** What `decide` returns: the refusal, or the events to append (possibly none). */
export type Decision = Either<JourneyError, ReadonlyArray<JourneyEvent>>

/** The command of a given type. */
export type CommandOf<K extends JourneyCommand['type']> = Extract<JourneyCommand, { type: K }>

/** A rule for one command type on a registered journey. */
export type Rule<K extends JourneyCommand['type']> = (
  command: CommandOf<K>,
  state: AgedJourney,
  policy: JourneyPolicy,
) => Decision

/** Refuses the command. */
export const refuse = (error: JourneyError): Decision => left(error)

/** Accepts the command with these events. */
export const accept = (...events: ReadonlyArray<JourneyEvent>): Decision => right(events)

/** The fields every event of this journey carries, dated `on`. */
export const stamp = (state: RegisteredJourney, on: LocalDate) =>
  ({ youthId: state.youthId, missionLocaleId: state.missionLocaleId, on }) as const
