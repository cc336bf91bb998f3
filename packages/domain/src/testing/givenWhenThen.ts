import type { Either } from 'fp-ts/lib/Either.js'
import type { Decider } from '../decider/decider.js'
import { journeyDecider } from '../decider/journeyDecider.js'
import type { JourneyCommand } from '../model/commands.js'
import type { JourneyError } from '../model/errors.js'
import type { JourneyEvent } from '../model/events.js'
import type { JourneyState } from '../model/state.js'
import { isDeepStrictEqual } from './deepEqual.js'
import { lineDiff, pretty } from './lineDiff.js'
import { openingForTest } from './openedAgeLimits.js'

// ---------------------------------------------------------------------------------------------
// given(events).when(command).then(events) for any Decider, with a line diff on mismatch.
// Note: `then` makes the object thenable, so do not `await` it.
// ---------------------------------------------------------------------------------------------

/** Some fields of an error (of any member of the union), branded strings given as plain strings. */
export type ErrorMatch<Err> = Err extends unknown
  ? { readonly [K in keyof Err]?: Err[K] extends string ? string : Err[K] }
  : never

/** The assertions available once the command is given. */
export interface WhenResult<S, E, Err> {
  /** Asserts the command is accepted with exactly these events, in this order. */
  readonly then: (expected: ReadonlyArray<E>) => void
  /**
   * Asserts the command is accepted and its events end with these, in this order: what fell due
   * before the command's day (reminders, overdue follow-ups, expiries…) may come first.
   */
  readonly thenEndsWith: (expected: ReadonlyArray<E>) => void
  /** Asserts the command is refused with this `_tag`, or with an error containing these fields. */
  readonly thenError: (expected: string | ErrorMatch<Err>) => void
  /** The raw decision, for custom assertions. */
  readonly decision: Either<Err, ReadonlyArray<E>>
  /** The state the command was decided against. */
  readonly state: S
}

/** The step after `given`. */
export interface Given<C, S, E, Err> {
  /** Decides the command in the state the given events lead to. */
  readonly when: (command: C) => WhenResult<S, E, Err>
}

const fail = (title: string, expected: unknown, actual: unknown): never => {
  throw new Error(`${title} (- expected, + actual):\n${lineDiff(expected, actual)}`)
}

const matchesPartial = (actual: unknown, expected: Readonly<Record<string, unknown>>): boolean =>
  typeof actual === 'object' &&
  actual !== null &&
  Object.entries(expected).every(([k, v]) => isDeepStrictEqual((actual as Record<string, unknown>)[k], v))

/** Given/when/then bound to a Decider. */
export const givenDecider =
  <C, S, E, Err>(decider: Decider<C, S, E, Err>) =>
  (events: ReadonlyArray<E> = []): Given<C, S, E, Err> => ({
    when: (command) => {
      const state = events.reduce(decider.evolve, decider.initialState)
      const decision = decider.decide(command, state)
      return {
        decision,
        state,
        then: (expected) => {
          if (decision._tag === 'Left')
            fail(
              'Expected events, but the command was refused',
              { events: expected },
              { error: decision.left },
            )
          else if (!isDeepStrictEqual(decision.right, expected))
            fail('The decided events differ', expected, decision.right)
        },
        thenEndsWith: (expected) => {
          if (decision._tag === 'Left')
            fail(
              'Expected events, but the command was refused',
              { events: expected },
              { error: decision.left },
            )
          else {
            const tail = decision.right.slice(Math.max(0, decision.right.length - expected.length))
            if (decision.right.length < expected.length || !isDeepStrictEqual(tail, expected))
              fail('The last decided events differ', expected, tail)
          }
        },
        thenError: (expected) => {
          const wanted =
            typeof expected === 'string' ? { _tag: expected } : (expected as Record<string, unknown>)
          if (decision._tag === 'Right')
            fail(
              'Expected a refusal, but the command was accepted',
              { error: wanted },
              { events: decision.right },
            )
          else if (!matchesPartial(decision.left, wanted))
            throw new Error(
              `The refusal differs (- expected, + actual):\n${lineDiff(wanted, pick(decision.left, wanted))}\nfull error: ${pretty(decision.left)}`,
            )
        },
      }
    },
  })

// The actual error restricted to the expected keys (plus _tag), so the diff shows only what matters.
const pick = (actual: unknown, wanted: Readonly<Record<string, unknown>>): unknown =>
  typeof actual === 'object' && actual !== null
    ? Object.fromEntries(
        Object.keys({ _tag: null, ...wanted }).map((k) => [k, (actual as Record<string, unknown>)[k]]),
      )
    : actual

/** given/when/then for the journey Decider with the default policy, behind the test shell that opens age limits. */
export const given: (
  events?: ReadonlyArray<JourneyEvent>,
) => Given<JourneyCommand, JourneyState, JourneyEvent, JourneyError> = givenDecider(
  openingForTest(journeyDecider),
)
