import { isLeft } from 'fp-ts/lib/Either.js'
import {
  createCommandHandler,
  eventIdFor,
  type CommandResult,
  type JourneyCommandHandler,
} from '@parcours/adapters'
import {
  foldJourney,
  journeyDecider,
  journeyStreamName,
  type JourneyCommand,
  type JourneyEvent,
} from '@parcours/domain'
import { commandHandlingFailure, refusal } from './errors.js'
import type { StoreEnv } from './openStore.js'

// ---------------------------------------------------------------------------------------------
// the journey command handler of a run: one stream per young person, the tenant in metadata
// ---------------------------------------------------------------------------------------------

/** The command handler of journeys on the run's store. */
export const journeyHandler = (env: Pick<StoreEnv, 'store' | 'logger'>): JourneyCommandHandler =>
  createCommandHandler({
    store: env.store,
    decider: journeyDecider,
    streamName: (c: JourneyCommand) => journeyStreamName(c.youthId),
    metadata: (c: JourneyCommand) => ({ tenant: c.missionLocaleId }),
    logger: env.logger,
  })

/** Handles one command; a refusal or failure is thrown as the CLI error it maps to. */
export const handleOrFail = async (
  handle: JourneyCommandHandler,
  commandId: string,
  command: JourneyCommand,
): Promise<CommandResult<JourneyEvent>> => {
  const result = await handle({ commandId, command })()
  if (isLeft(result)) throw commandHandlingFailure(result.left)
  return result.right
}

/**
 * Checks a command against the journey's rules before anything is written (a key sealed, an
 * event appended): a refusal is thrown as exit 1. Sealed fields may be placeholders here.
 * Returns 'handled' when the command id was handled before (nothing to seal or judge again).
 */
export const precheck = async (
  env: Pick<StoreEnv, 'store'>,
  commandId: string,
  command: JourneyCommand,
): Promise<'handled' | 'new'> => {
  const read = await env.store.readStream(journeyStreamName(command.youthId))()
  if (isLeft(read)) throw commandHandlingFailure(read.left)
  // A command already handled is not judged again: the handler answers it with what it wrote then.
  const firstId = eventIdFor(commandId, 0)
  if (read.right.some((r) => r.id === firstId)) return 'handled'
  const decision = journeyDecider.decide(command, foldJourney(read.right.map((r) => r.event)))
  if (isLeft(decision)) throw refusal(decision.left)
  return 'new'
}
