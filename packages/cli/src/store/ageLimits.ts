import { isLeft } from 'fp-ts/lib/Either.js'
import { openAgeLimits } from '@parcours/adapters'
import { foldJourney, journeyStreamName, type JourneyCommand, type JourneyState } from '@parcours/domain'
import { infrastructureError, refusedError } from '../cli/errors.js'
import { describeStoreError, vaultFailure } from './errors.js'
import type { StoreEnv } from './openStore.js'

// ---------------------------------------------------------------------------------------------
// the shell's part of the time rules: open the journey's sealed age limits, pass them to decide
// ---------------------------------------------------------------------------------------------

/**
 * The command with the age limits of this journey state opened; a vault failure is exit 3. Once
 * the personal data was erased the limits are gone with it: only an erasure is still recorded.
 */
export const withOpenedAgeLimits = async <C extends JourneyCommand>(
  env: Pick<StoreEnv, 'vault'>,
  state: JourneyState,
  command: C,
): Promise<C> => {
  const opened = await openAgeLimits(env.vault, state)()
  if (isLeft(opened)) throw vaultFailure(opened.left)
  if (opened.right._tag === 'Opened') return { ...command, ageLimits: opened.right.ageLimits }
  if (opened.right.why === 'erased' && command.type !== 'ErasePersonalData' && state.status === 'open')
    throw refusedError(
      `refused by rule PersonalDataErased: the personal data of ${command.youthId} was erased, and the journey's age limits with it; ${command.type} cannot be decided any more.`,
    )
  return command
}

/** The journey's current state, read from its stream. */
export const journeyState = async (
  env: Pick<StoreEnv, 'store'>,
  command: Pick<JourneyCommand, 'youthId'>,
): Promise<JourneyState> => {
  const read = await env.store.readStream(journeyStreamName(command.youthId))()
  if (isLeft(read)) throw infrastructureError(describeStoreError(read.left))
  return foldJourney(read.right.map((r) => r.event))
}
