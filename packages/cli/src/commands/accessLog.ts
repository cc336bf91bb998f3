import { isLeft } from 'fp-ts/lib/Either.js'
import {
  accessLogRetention,
  actorRef,
  addMonths,
  missionLocaleOf,
  type MissionLocaleId,
} from '@parcours/domain'
import { subcommand } from '../cli/configureCommand.js'
import { usageError } from '../cli/errors.js'
import { parseId, parseIntIn } from '../cli/parse.js'
import { renderTable } from '../output/table.js'
import { accessLogFailure, authorize } from '../store/access.js'
import type { CommandModule } from './commandModule.js'
import { dateOrToday } from './journey/index.js'

/**
 * `parcours access-log`: who opened which journey's identity or comments, when and why (a manager,
 * for their mission locale); `parcours access-log prune`: an operator removes the entries older
 * than the retention (12 months by default, 6 at the least).
 */
export const register: CommandModule['register'] = (command, ctx) => {
  subcommand(command, 'prune', 'Remove the entries older than the retention (operators)', ctx.io)
    .option(
      '--keep-months <n>',
      `months of entries kept, ${accessLogRetention.minimumMonths} to 120 (default ${accessLogRetention.keepMonths})`,
      parseIntIn(1, 120),
    )
    .addOption(dateOrToday('--at <date>', 'the day the retention counts back from'))
    .action(async (o, cmd) => {
      // `--json` is the parent's option (`access-log prune --json` reaches it there).
      const json = (cmd.optsWithGlobals() as { readonly json?: boolean }).json === true
      const session = ctx.session(cmd)
      authorize(session, { kind: 'maintain-store', task: 'prune-access-log' })
      const keep = o.keepMonths ?? accessLogRetention.keepMonths
      if (keep < accessLogRetention.minimumMonths)
        throw usageError(
          `--keep-months: access log entries are kept ${accessLogRetention.minimumMonths} months at least (got ${keep})`,
        )
      const at = o.at
      const before = `${addMonths(at, -keep)}T00:00:00.000Z`
      const notAfter = `${addMonths(at, -accessLogRetention.minimumMonths)}T00:00:00.000Z`
      const env = await ctx.openStore(cmd, { mustExist: true })
      const pruned = await env.accessLog.prune({
        before,
        notAfter,
        at: new Date().toISOString(),
        actor: actorRef(session.actor),
      })()
      if (isLeft(pruned))
        throw pruned.left._tag === 'AccessLogRetentionTooShort'
          ? usageError(pruned.left.message)
          : accessLogFailure(pruned.left)
      const r = pruned.right
      if (json) {
        ctx.io.stdout.write(`${JSON.stringify(r, null, 2)}\n`)
        return
      }
      ctx.io.stdout.write(
        `Access log: ${r.pruned} entr${r.pruned === 1 ? 'y' : 'ies'} recorded before ${before} removed; the chain now starts after entry ${r.anchor.sequence}.\n`,
      )
    })
  command
    .option('--mission-locale <id>', "the manager's mission locale (default: theirs)", parseId)
    .option('--json', 'print the entries (or what a prune removed) as JSON')
    .action(async (o, cmd) => {
      const session = ctx.session(cmd)
      const missionLocaleId = (o.missionLocale ?? missionLocaleOf(session.actor) ?? '') as MissionLocaleId
      authorize(session, { kind: 'read-access-log', missionLocaleId })
      const env = await ctx.openStore(cmd, { mustExist: true })
      const listed = await env.accessLog.list({ missionLocaleId })()
      if (isLeft(listed)) throw accessLogFailure(listed.left)
      const entries = listed.right
      if (o.json === true) {
        ctx.io.stdout.write(`${JSON.stringify({ missionLocaleId, entries }, null, 2)}\n`)
        return
      }
      ctx.io.stdout.write(`Access log of ${missionLocaleId}: ${entries.length} opening(s), chain intact.\n`)
      if (entries.length > 0)
        ctx.io.stdout.write(
          renderTable({
            title: 'Openings of identities and comments',
            columns: ['#', 'At', 'Actor', 'Young person', 'Why', 'Opened'],
            rows: entries.map((e) => [e.sequence, e.at, e.actor, e.youthId, e.purpose, e.opened.join(', ')]),
          }),
        )
    })
}
