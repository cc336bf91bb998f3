import { parseId } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/** `parcours reopen`: a closed journey opens again (only before the age limit). */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .requiredOption('--counsellor <id>', 'the counsellor référent', parseId)
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, { type: 'ReopenJourney', counsellorId: o.counsellor }),
    )
