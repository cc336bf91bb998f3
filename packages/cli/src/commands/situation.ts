import { randomUUID } from 'node:crypto'
import { otherSituationKinds } from '@parcours/domain'
import { subcommand } from '../cli/configureCommand.js'
import { parseDate, parseId, parseOneOf } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/** `parcours situation start|end|renew`: immersion (PMSMP), volunteering, schooling. */
export const register: CommandModule['register'] = (command, ctx) => {
  withJourneyOptions(
    subcommand(command, 'start', 'Start an immersion, a volunteering or a schooling', ctx.io),
  )
    .option('--situation <id>', 'situation id (generated when absent)', parseId)
    .requiredOption(
      '--kind <kind>',
      `one of ${otherSituationKinds.join(', ')}`,
      parseOneOf(otherSituationKinds),
    )
    .requiredOption(
      '--until <date>',
      'planned end (YYYY-MM-DD): an immersion lasts 1 month at most',
      parseDate,
    )
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'StartSituation',
        situationId: o.situation ?? `s-${randomUUID().slice(0, 8)}`,
        kind: o.kind,
        plannedEndOn: o.until,
      }),
    )
  withJourneyOptions(subcommand(command, 'end', 'End an immersion, a volunteering or a schooling', ctx.io))
    .requiredOption('--situation <id>', 'the situation', parseId)
    .action((o, cmd) => sendJourneyCommand(ctx, cmd, o, { type: 'EndSituation', situationId: o.situation }))
  withJourneyOptions(subcommand(command, 'renew', 'Renew an immersion, once, by 1 month at most', ctx.io))
    .requiredOption('--situation <id>', 'the immersion', parseId)
    .requiredOption('--until <date>', 'new planned end (YYYY-MM-DD)', parseDate)
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'RenewImmersion',
        situationId: o.situation,
        plannedEndOn: o.until,
      }),
    )
}
