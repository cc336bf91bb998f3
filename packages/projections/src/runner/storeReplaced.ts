import { isLeft } from 'fp-ts/lib/Either.js'
import type { EventStore, JourneyEvent } from '@parcours/domain'
import type { StoreReplaced } from './runnerTypes.js'

// ---------------------------------------------------------------------------------------------
// utils: is the store the one the checkpoint came from? A checkpoint is always the position of
// something the store held (an event, or a record a checkpoint named), so on the same store it
// never lies past the log's last event. Past it, the store was wiped, replaced or restored from an
// older backup, and resuming from there would skip what was written since.
// ---------------------------------------------------------------------------------------------

/** StoreReplaced when the checkpoint lies past the store's last event; undefined otherwise. */
export const storeReplaced = async (
  store: EventStore<JourneyEvent>,
  runner: string,
  checkpoint: bigint | undefined,
): Promise<StoreReplaced | undefined> => {
  if (checkpoint === undefined) return undefined
  // The last event of any stream, not only journeys: checkpoints may sit on other streams' events.
  const last = await store.readAll({ direction: 'backwards', maxCount: 1 })()
  // A last event that does not decode still says where the log ends; an unreachable store says
  // nothing, and the subscription will report it.
  const logEnd = isLeft(last)
    ? last.left._tag === 'DecodeFailed'
      ? last.left.position
      : checkpoint
    : last.right[0]?.position
  if (logEnd !== undefined && checkpoint <= logEnd) return undefined
  return {
    _tag: 'StoreReplaced',
    runner,
    checkpoint,
    logEnd,
    message: `projection runner ${runner}: its checkpoint (${checkpoint}) lies past the end of the store's log (${logEnd === undefined ? 'no event' : `last event at ${logEnd}`}): the store was wiped, replaced or restored since the read models were built; rebuild them (parcours rebuild) or point the worker at its store`,
  }
}
