import { parseId } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/** `parcours employment end`: a job ends. */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .requiredOption('--employment <id>', 'the employment', parseId)
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, { type: 'EndEmployment', employmentId: o.employment }),
    )
