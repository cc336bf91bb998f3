import type { Command } from 'commander'
import { programmeExitReasons, programmes, type LocalDate, type Programme, type ProgrammeExitReason } from '@parcours/domain'
import { subcommand } from '../cli/configureCommand.js'
import { parseDate, parseOneOf } from '../cli/parse.js'
import { sendJourneyCommand, withJourneyOptions, type JourneyOptions } from './journey/index.js'
import type { CommandModule } from './commandModule.js'

/** `parcours programme enter|extend|exit`: PACEA and CEJ. */
export const register: CommandModule['register'] = (command, ctx) => {
  withJourneyOptions(subcommand(command, 'enter', 'Enter PACEA or CEJ until a planned end', ctx.io))
    .requiredOption('--programme <name>', `one of ${programmes.join(', ')}`, parseOneOf(programmes))
    .requiredOption('--until <date>', 'planned end (YYYY-MM-DD): PACEA 24 months at most, CEJ 12', parseDate)
    .action((o: JourneyOptions & { readonly programme: Programme; readonly until: LocalDate }, cmd: Command) =>
      sendJourneyCommand(ctx, cmd, o, { type: 'EnterProgramme', programme: o.programme, plannedEndOn: o.until }),
    )
  withJourneyOptions(subcommand(command, 'extend', 'Extend the open CEJ (18 months in total at most)', ctx.io))
    .requiredOption('--until <date>', 'new planned end (YYYY-MM-DD)', parseDate)
    .action((o: JourneyOptions & { readonly until: LocalDate }, cmd: Command) =>
      sendJourneyCommand(ctx, cmd, o, { type: 'ExtendProgramme', plannedEndOn: o.until }),
    )
  withJourneyOptions(subcommand(command, 'exit', 'End the open programme', ctx.io))
    .requiredOption('--reason <reason>', `one of ${programmeExitReasons.join(', ')}`, parseOneOf(programmeExitReasons))
    .action((o: JourneyOptions & { readonly reason: ProgrammeExitReason }, cmd: Command) =>
      sendJourneyCommand(ctx, cmd, o, { type: 'ExitProgramme', reason: o.reason }),
    )
}
