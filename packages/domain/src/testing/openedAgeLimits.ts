import type { Decider } from '../decider/decider.js'
import type { AgeLimits } from '../model/ageLimits.js'
import type { JourneyCommand } from '../model/commands.js'
import type { KeyId } from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import type { Sealed } from '../model/sealed.js'
import type { JourneyState } from '../model/state.js'

// ---------------------------------------------------------------------------------------------
// Test support standing in for the shell's vault: age limits "sealed" in a form these helpers
// open again, so that example and property tests of the decider need no key store. It proves
// nothing about sealing (the vault's tests do); it plays the shell's part: open, then decide.
// ---------------------------------------------------------------------------------------------

const TEST_KEY = 'test-age-limits' as KeyId

/** The age limits wrapped the way `openAgeLimitsForTest` reads them back (not encrypted). */
export const sealAgeLimitsForTest = (limits: { readonly [K in keyof AgeLimits]: string }): Sealed => ({
  keyId: TEST_KEY,
  alg: 'A256GCM',
  iv: '',
  ciphertext: `${limits.ageLimitOn}/${limits.cejAgeLimitOn}`,
  tag: '',
})

/** The age limits of a value made by `sealAgeLimitsForTest`; `undefined` for any other value. */
export const openAgeLimitsForTest = (sealed: Sealed | null): AgeLimits | undefined => {
  if (sealed?.keyId !== TEST_KEY) return undefined
  const [ageLimitOn, cejAgeLimitOn] = sealed.ciphertext.split('/') as [LocalDate, LocalDate]
  return { ageLimitOn, cejAgeLimitOn }
}

/**
 * The command with the age limits a test shell opens from the journey's registration. Like the
 * real shell, what it opens replaces whatever limits the command came with: a journey's limits
 * are those its registration sealed, whoever sends the command.
 */
export const withOpenedAgeLimits = (command: JourneyCommand, state: JourneyState): JourneyCommand => {
  if (state.status === 'unregistered') return command
  const opened = openAgeLimitsForTest(state.sealedAgeLimits)
  return opened === undefined ? command : { ...command, ageLimits: opened }
}

/** A journey decider behind a test shell that opens the age limits before each decision. */
export const openingForTest = <S extends JourneyState, E, Err>(
  decider: Decider<JourneyCommand, S, E, Err>,
): Decider<JourneyCommand, S, E, Err> => ({
  ...decider,
  decide: (command, state) => decider.decide(withOpenedAgeLimits(command, state), state),
})
