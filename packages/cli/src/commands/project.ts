import { isLeft } from 'fp-ts/lib/Either.js'
import { allProjections, createProjectionRunner, type RunStats } from '@parcours/projections'
import { usageError } from '../cli/errors.js'
import type { CliIo } from '../cli/io.js'
import { createProgress } from '../output/progress.js'
import { authorize } from '../store/access.js'
import { openSink, projectionFailure, runProjections } from '../store/readModels.js'
import type { CommandModule } from './commandModule.js'

/** One line about a projection run. */
export const runSummary = (what: string, s: RunStats): string =>
  `${what}: ${s.events} events applied in ${s.batches} batches${s.parked > 0 ? `, ${s.parked} parked` : ''}, checkpoint ${s.checkpoint ?? 'none'}${s.rebuilt ? ' (rebuilt from zero)' : ''}.\n`

/** `parcours project`: brings the read models up to date; with --follow, stays live until interrupted. */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .option('--follow', 'stay live and project new events as they are stored, until Ctrl-C')
    .action(async (o, cmd) => {
      authorize(ctx.session(cmd), { kind: 'maintain-store', task: 'project' })
      // Nothing can append to a memory store while this process waits on it: following it would never end.
      if (o.follow === true && ctx.storeSpec(cmd).kind === 'memory')
        throw usageError(
          '--follow: a memory store lives only in this process, so no event can arrive; use --store sqlite:PATH or esdb://….',
        )
      const env = await ctx.openStore(cmd, { mustExist: true })
      const sink = openSink(env, ctx.io.cwd)
      ctx.onDispose(sink.close)
      if (o.follow !== true) {
        const stats = await runProjections(env, sink, {
          mode: 'catch-up',
          progress: createProgress(ctx.io.stderr, 'projecting events'),
        })
        ctx.io.stdout.write(runSummary('Read models up to date', stats))
        return
      }
      await follow(
        ctx.io,
        createProjectionRunner({ store: env.store, projections: allProjections, sink, logger: env.logger }),
      )
    })

const follow = async (io: CliIo, runner: ReturnType<typeof createProjectionRunner>): Promise<void> => {
  const stop = () => void runner.stop()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  io.stderr.write('following the event log (Ctrl-C to stop)\n')
  const result = await runner.follow()()
  process.off('SIGINT', stop)
  process.off('SIGTERM', stop)
  if (isLeft(result)) throw projectionFailure(result.left)
  io.stdout.write(runSummary('Stopped following', result.right))
}
