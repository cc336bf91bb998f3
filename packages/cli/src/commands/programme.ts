import { randomUUID } from 'node:crypto'
import { programmeExitReasons, programmes } from '@parcours/domain'
import { subcommand } from '../cli/configureCommand.js'
import { parseDate, parseId, parseOneOf } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/** `parcours programme enter|extend|exit|phase start|phase end`: PACEA and CEJ, and the phases of a PACEA. */
export const register: CommandModule['register'] = (command, ctx) => {
  withJourneyOptions(subcommand(command, 'enter', 'Enter PACEA or CEJ until a planned end', ctx.io))
    .requiredOption('--programme <name>', `one of ${programmes.join(', ')}`, parseOneOf(programmes))
    .requiredOption('--until <date>', 'planned end (YYYY-MM-DD): PACEA 24 months at most, CEJ 12', parseDate)
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'EnterProgramme',
        programme: o.programme,
        plannedEndOn: o.until,
      }),
    )
  withJourneyOptions(
    subcommand(command, 'extend', 'Extend the open CEJ (18 months in total at most)', ctx.io),
  )
    .requiredOption('--until <date>', 'new planned end (YYYY-MM-DD)', parseDate)
    .action((o, cmd) => sendJourneyCommand(ctx, cmd, o, { type: 'ExtendProgramme', plannedEndOn: o.until }))
  withJourneyOptions(subcommand(command, 'exit', 'End the open programme', ctx.io))
    .requiredOption(
      '--reason <reason>',
      `one of ${programmeExitReasons.join(', ')}`,
      parseOneOf(programmeExitReasons),
    )
    .action((o, cmd) => sendJourneyCommand(ctx, cmd, o, { type: 'ExitProgramme', reason: o.reason }))
  const phase = subcommand(command, 'phase', 'Start or end a phase of the open PACEA', ctx.io)
  withJourneyOptions(
    subcommand(phase, 'start', 'Start a PACEA phase (the first within 1 month of the signature)', ctx.io),
  )
    .option('--phase <id>', 'phase id (generated when absent)', parseId)
    .requiredOption(
      '--until <date>',
      "planned end (YYYY-MM-DD), by the PACEA's planned end at the latest",
      parseDate,
    )
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'StartPaceaPhase',
        phaseId: o.phase ?? `ph-${randomUUID().slice(0, 8)}`,
        plannedEndOn: o.until,
      }),
    )
  withJourneyOptions(subcommand(phase, 'end', 'End the running PACEA phase', ctx.io))
    .requiredOption('--phase <id>', 'the phase', parseId)
    .action((o, cmd) => sendJourneyCommand(ctx, cmd, o, { type: 'EndPaceaPhase', phaseId: o.phase }))
}
