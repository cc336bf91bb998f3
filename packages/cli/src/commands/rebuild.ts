import { createProgress } from '../output/progress.js'
import { authorize } from '../store/access.js'
import { openSink, runProjections } from '../store/readModels.js'
import type { CommandModule } from './commandModule.js'
import { runSummary } from './project.js'

/**
 * `parcours rebuild`: forgets the read models and projects the whole log again. Into an empty
 * projections file on SQLite it reads the log stream by stream (each young person's documents
 * written once, memory flat); over stored read models it reads in global order and replaces them
 * in one commit once caught up (docs/operating.md).
 */
export const register: CommandModule['register'] = (command, ctx) =>
  command.action(async (_o, cmd) => {
    authorize(ctx.session(cmd), { kind: 'maintain-store', task: 'rebuild' })
    const env = await ctx.openStore(cmd, { mustExist: true })
    const sink = openSink(env, ctx.io.cwd)
    ctx.onDispose(sink.close)
    const stats = await runProjections(env, sink, {
      mode: 'rebuild',
      progress: createProgress(ctx.io.stderr, 'rebuilding read models'),
    })
    ctx.io.stdout.write(runSummary('Read models rebuilt', stats))
  })
