import { isLeft, right } from 'fp-ts/lib/Either.js'
import {
  DROPOUT_ROWS,
  dropoutRowsFlow,
  FRANCE_TRAVAIL_OFFERS,
  franceTravailOffersFlow,
  inboundReceiver,
  LHEO_FORMATIONS,
  lheoFormationsFlow,
  noCounts,
  systemScheduler,
  type InboundFlow,
} from '@parcours/adapters'
import { subcommand } from '../../cli/configureCommand.js'
import type { RunContext, WithGlobals } from '../../cli/context.js'
import { infrastructureError, usageError } from '../../cli/errors.js'
import { authorize } from '../../store/access.js'
import { openOfferCatalogue, openPartnerInbox } from '../../store/offerCatalogue.js'
import { openOutreach } from '../../store/outreach.js'
import { openTrainingCatalogue } from '../../store/trainingCatalogue.js'
import type { CommandModule } from '../commandModule.js'
import { countsLine, failureLines } from './offers.js'

// The inbound flows a retry can replay, by name: each knows how to validate and record its messages.
const flows: Readonly<
  Record<string, (ctx: RunContext, cmd: WithGlobals) => InboundFlow<unknown> | Promise<InboundFlow<unknown>>>
> = {
  [FRANCE_TRAVAIL_OFFERS]: (ctx, cmd) =>
    franceTravailOffersFlow(openOfferCatalogue(ctx, cmd)) as InboundFlow<unknown>,
  [LHEO_FORMATIONS]: (ctx, cmd) =>
    lheoFormationsFlow(openTrainingCatalogue(ctx, cmd)) as InboundFlow<unknown>,
  // A parked dropout row holds its identity sealed: recording it opens its case, no vault needed.
  [DROPOUT_ROWS]: async (ctx, cmd) =>
    dropoutRowsFlow(openOutreach(ctx, cmd, await ctx.openStore(cmd)).handle) as InboundFlow<unknown>,
}

/**
 * `parcours partners failures|retry`: the partner messages the inbox could not record — parked
 * after their tries or refused as malformed, never dropped — with the counters of each flow; and
 * their retry.
 */
export const register: CommandModule['register'] = (partners, ctx) => {
  subcommand(
    partners,
    'failures',
    'List the partner messages parked or refused, and the counters of each flow',
    ctx.io,
  )
    .option('--flow <name>', `only this flow (${Object.keys(flows).join(', ')})`)
    .option('--json', 'print as JSON')
    .action(async (o, cmd) => {
      authorize(ctx.session(cmd), { kind: 'maintain-store', task: 'import-catalogue' })
      const inbox = openPartnerInbox(ctx, cmd)
      const [failures, counters] = [await inbox.failures(o.flow)(), await inbox.counters(o.flow)()]
      if (isLeft(failures) || isLeft(counters)) throw infrastructureError('the partner inbox is unavailable')
      if (o.json === true) {
        ctx.io.stdout.write(
          `${JSON.stringify({ counters: counters.right, failures: failures.right }, null, 2)}\n`,
        )
        return
      }
      ctx.io.stdout.write(
        [
          ...counters.right.map((c) => `${c.flow}: ${countsLine(c)}`),
          `${failures.right.length} message(s) waiting (parcours partners retry)`,
          ...failureLines(failures.right),
          '',
        ].join('\n'),
      )
    })

  subcommand(partners, 'retry', 'Try the parked and refused partner messages again (operators)', ctx.io)
    .option('--flow <name>', `only this flow (${Object.keys(flows).join(', ')})`)
    .action(async (o, cmd) => {
      authorize(ctx.session(cmd), { kind: 'maintain-store', task: 'import-catalogue' })
      if (o.flow !== undefined && flows[o.flow] === undefined)
        throw usageError(`--flow: no flow '${o.flow}'; the flows are ${Object.keys(flows).join(', ')}.`)
      const inbox = openPartnerInbox(ctx, cmd)
      const logger = await ctx.logger(cmd)
      const lines: string[] = []
      for (const [name, flowOf] of Object.entries(flows)) {
        if (o.flow !== undefined && o.flow !== name) continue
        // A flow with nothing waiting opens nothing (the dropout rows would open the store).
        const waiting = await inbox.failures(name)()
        if (isLeft(waiting)) throw infrastructureError(`the partner inbox failed: ${waiting.left.message}`)
        const r =
          waiting.right.length === 0
            ? right({ counts: noCounts, failures: [] })
            : await inboundReceiver(
                { inbox, scheduler: systemScheduler, logger },
                await flowOf(ctx, cmd),
              ).retryFailures()
        if (isLeft(r)) throw infrastructureError(`the partner inbox failed: ${r.left.message}`)
        const c = r.right.counts
        lines.push(
          `Retry of ${name}: ${c.recorded + c.duplicated + c.rejected + c.parked} message(s); ${c.recorded} recorded, ${c.duplicated} duplicated, ${c.rejected} still refused, ${c.parked} still parked`,
          ...failureLines(r.right.failures),
        )
      }
      ctx.io.stdout.write(`${lines.join('\n')}\n`)
    })
}
