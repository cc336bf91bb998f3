import { parseId } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/** `parcours transfer`: the journey moves to another mission locale. */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .requiredOption('--to <mission-locale>', 'the mission locale receiving the journey', parseId)
    .requiredOption('--counsellor <id>', 'the counsellor référent there', parseId)
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'TransferJourney',
        toMissionLocaleId: o.to,
        counsellorId: o.counsellor,
      }),
    )
