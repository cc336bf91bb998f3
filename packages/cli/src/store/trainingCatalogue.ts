import { isLeft } from 'fp-ts/lib/Either.js'
import {
  getInMemoryTrainingCatalogue,
  getSqliteTrainingCatalogue,
  type TrainingCatalogue,
} from '@parcours/adapters'
import type { TrainingRef } from '@parcours/domain'
import type { RunContext, WithGlobals } from '../cli/context.js'
import { infrastructureError, usageError } from '../cli/errors.js'
import { trainingCataloguePathFor } from './storeSpec.js'

// ---------------------------------------------------------------------------------------------
// the training catalogue of a run: a SQLite file beside the store (PATH.trainings), or memory
// ---------------------------------------------------------------------------------------------

/** Opens the run's training catalogue; it is closed when the run ends. */
export const openTrainingCatalogue = (ctx: RunContext, cmd: WithGlobals): TrainingCatalogue => {
  const path = trainingCataloguePathFor(ctx.storeSpec(cmd), ctx.io.cwd)
  const catalogue = path === undefined ? getInMemoryTrainingCatalogue() : getSqliteTrainingCatalogue({ path })
  ctx.onDispose(catalogue.close)
  return catalogue
}

/** The link to a catalogue session from `--training-action` and `--training-session`, checked to exist. */
export const trainingLinkFrom = async (
  ctx: RunContext,
  cmd: WithGlobals,
  o: { readonly trainingAction?: string; readonly trainingSession?: string },
): Promise<{ readonly training: TrainingRef } | Record<string, never>> => {
  if (o.trainingAction === undefined && o.trainingSession === undefined) return {}
  if (o.trainingAction === undefined || o.trainingSession === undefined)
    throw usageError(
      '--training-action and --training-session go together: they name one session of the catalogue.',
    )
  const found = await openTrainingCatalogue(ctx, cmd).session(o.trainingAction, o.trainingSession)()
  if (isLeft(found)) throw infrastructureError(`the training catalogue is unavailable: ${found.left.message}`)
  if (found.right === undefined)
    throw usageError(
      `no session ${o.trainingSession} of action ${o.trainingAction} in the training catalogue: import its LHEO file first (parcours partners trainings import FILE).`,
    )
  return { training: { actionId: o.trainingAction, sessionId: o.trainingSession } as TrainingRef }
}
