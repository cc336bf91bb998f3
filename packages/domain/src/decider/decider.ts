import type { Either } from 'fp-ts/lib/Either.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/**
 * A Decider: the pure heart of an event-sourced aggregate. `decide` is total (it never throws) and
 * `evolve` folds the events `decide` returns into the state the next `decide` sees.
 */
export interface Decider<C, S, E, Err> {
  readonly initialState: S
  /** The state after one event; pure. */
  readonly evolve: (state: S, event: E) => S
  /** The events a command causes in a state, or why it is refused; total, pure. */
  readonly decide: (command: C, state: S) => Either<Err, ReadonlyArray<E>>
}
