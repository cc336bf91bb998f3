import type { Command } from 'commander'
import { parseId } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions, type JourneyOptions } from './journey/index.js'

/** `parcours transfer`: the journey moves to another mission locale. */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .requiredOption('--to <mission-locale>', 'the mission locale receiving the journey', parseId)
    .requiredOption('--counsellor <id>', 'the counsellor référent there', parseId)
    .action((o: JourneyOptions & { readonly to: string; readonly counsellor: string }, cmd: Command) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'TransferJourney',
        toMissionLocaleId: o.to,
        counsellorId: o.counsellor,
      }),
    )
