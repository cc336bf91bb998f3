import { trainingResults } from '@parcours/domain'
import { parseId, parseOneOf } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/** `parcours training end`: a training ends, completed or abandoned. */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .requiredOption('--training <id>', 'the training', parseId)
    .requiredOption('--result <result>', `one of ${trainingResults.join(', ')}`, parseOneOf(trainingResults))
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, { type: 'EndTraining', trainingId: o.training, result: o.result }),
    )
