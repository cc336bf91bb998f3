import type { Decider } from '../decider/decider.js'

// ---------------------------------------------------------------------------------------------
// Run a sequence of commands through a Decider, keeping what it accepted and what it refused.
// ---------------------------------------------------------------------------------------------

/** A command the decider refused, with its position in the script. */
export interface Rejection<C, Err> {
  readonly index: number
  readonly command: C
  readonly error: Err
}

/** The outcome of a script: the accepted events, the refusals and the final state. */
export interface ScriptRun<C, S, E, Err> {
  readonly events: ReadonlyArray<E>
  readonly rejections: ReadonlyArray<Rejection<C, Err>>
  readonly state: S
}

/** Decides each command against the state the previous ones left, as a command handler would. */
export const runScript = <C, S, E, Err>(
  decider: Decider<C, S, E, Err>,
  commands: ReadonlyArray<C>,
): ScriptRun<C, S, E, Err> => {
  const events: E[] = []
  const rejections: Rejection<C, Err>[] = []
  let state = decider.initialState
  commands.forEach((command, index) => {
    const decision = decider.decide(command, state)
    if (decision._tag === 'Left') rejections.push({ index, command, error: decision.left })
    else {
      events.push(...decision.right)
      state = decision.right.reduce(decider.evolve, state)
    }
  })
  return { events, rejections, state }
}
