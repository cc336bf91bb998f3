import { isLeft } from 'fp-ts/lib/Either.js'
import { missionLocaleOf, type MissionLocaleId } from '@parcours/domain'
import { parseId } from '../cli/parse.js'
import { renderTable } from '../output/table.js'
import { accessLogFailure, authorize } from '../store/access.js'
import type { CommandModule } from './commandModule.js'

/** `parcours access-log`: who opened which journey's identity or comments, when and why (a manager, for their mission locale). */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .option('--mission-locale <id>', "the manager's mission locale (default: theirs)", parseId)
    .option('--json', 'print the entries as JSON')
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
