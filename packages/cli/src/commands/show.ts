import type { YouthId } from '@parcours/domain'
import { cejSection } from '../cej/cejSection.js'
import { parseId } from '../cli/parse.js'
import { readJourneyView, type Shown } from '../store/journeyView.js'
import { queryReadModels } from '../store/queryReadModels.js'
import type { CommandModule } from './commandModule.js'
import { dateOrToday } from './journey/index.js'

const text = (v: Shown): string => {
  if (typeof v !== 'object' || v === null) return String(v)
  const entries = Object.entries(v)
  return entries.length === 1 && entries[0]?.[0] === 'comment'
    ? `"${entries[0][1]}"`
    : entries.map(([k, x]) => `${k}: ${x}`).join(', ')
}

/** `parcours show`: a young person's timeline, personal fields opened through the vault. */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .requiredOption('--youth <id>', 'the young person', parseId)
    .option(
      '--mission-locale <id>',
      'the mission locale asking (it sees only the journeys it holds)',
      parseId,
    )
    .option('--json', 'print the timeline as JSON')
    .addOption(dateOrToday('--at <date>', 'the CEJ weeks and allowance as of this date'))
    .action(async (o, cmd) => {
      const session = ctx.session(cmd)
      const { env, sink } = await queryReadModels(ctx, cmd)
      const { youthId, missionLocaleId, erased, identity, items, cej, openBasis } = await readJourneyView(
        env,
        sink,
        session,
        o.youth as YouthId,
        o.missionLocale,
      )
      if (o.json === true) {
        ctx.io.stdout.write(
          `${JSON.stringify({ youthId, missionLocaleId, erased, identity, items }, null, 2)}\n`,
        )
        return
      }
      const who =
        identity === null ? 'no identity recorded' : erased ? 'personal data erased' : text(identity)
      ctx.io.stdout.write(`Journey ${youthId} — mission locale ${missionLocaleId} — ${who}\n`)
      for (const item of items) {
        const details = Object.entries(item.details)
          .filter(([, v]) => v !== null)
          .map(([k, v]) => `${k}=${text(v)}`)
          .join(' ')
        ctx.io.stdout.write(
          `  #${item.revision} ${item.on} ${item.type}${details === '' ? '' : ` ${details}`}\n`,
        )
      }
      if (cej !== undefined) ctx.io.stdout.write(cejSection(cej, o.at, openBasis))
    })
