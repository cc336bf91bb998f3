import { parseId } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/** `parcours assign`: another counsellor in the same mission locale. */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .requiredOption('--counsellor <id>', 'the new counsellor référent', parseId)
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, { type: 'AssignCounsellor', counsellorId: o.counsellor }),
    )
