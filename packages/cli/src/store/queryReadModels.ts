import type { ProjectionSink } from '@parcours/projections'
import type { RunContext, WithGlobals } from '../cli/context.js'
import type { StoreEnv } from './openStore.js'
import { openSink, runProjections } from './readModels.js'

/** Opens the store and its read models, brought up to date, for a query command. */
export const queryReadModels = async (
  ctx: RunContext,
  cmd: WithGlobals,
): Promise<{ readonly env: StoreEnv; readonly sink: ProjectionSink }> => {
  const env = await ctx.openStore(cmd, { mustExist: true })
  const sink = openSink(env, ctx.io.cwd)
  ctx.onDispose(sink.close)
  await runProjections(env, sink, { mode: 'catch-up' })
  return { env, sink }
}
