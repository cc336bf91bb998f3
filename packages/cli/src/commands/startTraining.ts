import { randomUUID } from 'node:crypto'
import { parseDate, parseId } from '../cli/parse.js'
import { trainingLinkFrom } from '../store/trainingCatalogue.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/** `parcours training start`: a training starts, from a training proposal or not. */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .option('--training <id>', 'training id (generated when absent)', parseId)
    .option(
      '--proposal <id>',
      'the training or apprenticeship proposal it comes from (accepted or carried out)',
      parseId,
    )
    .option('--qualifying', 'a qualifying training')
    .option('--until <date>', 'planned end (YYYY-MM-DD)', parseDate)
    .option('--training-action <id>', 'the action of the training catalogue entered (LHEO numero)', parseId)
    .option('--training-session <id>', 'and its session (LHEO numero)', parseId)
    .action(async (o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'StartTraining',
        trainingId: o.training ?? `t-${randomUUID().slice(0, 8)}`,
        proposalId: o.proposal ?? null,
        qualifying: o.qualifying === true,
        plannedEndOn: o.until ?? null,
        ...(await trainingLinkFrom(ctx, cmd, o)),
      }),
    )
