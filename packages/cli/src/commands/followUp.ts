import { randomUUID } from 'node:crypto'
import { followUpChannels, type FollowUpChannel } from '@parcours/domain'
import { subcommand } from '../cli/configureCommand.js'
import { parseDate, parseId, parseOneOf } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { commentToSeal, sendJourneyCommand, withComment, withJourneyOptions } from './journey/index.js'

/** `parcours follow-up schedule|reschedule|keep|miss|cancel`. */
export const register: CommandModule['register'] = (command, ctx) => {
  const followUpCommand = (name: string, description: string) =>
    withJourneyOptions(subcommand(command, name, description, ctx.io)).requiredOption(
      '--follow-up <id>',
      'the follow-up',
      parseId,
    )
  withJourneyOptions(subcommand(command, 'schedule', 'Schedule a follow-up', ctx.io))
    .option('--follow-up <id>', 'follow-up id (generated when absent)', parseId)
    .requiredOption('--due <date>', 'due date (YYYY-MM-DD)', parseDate)
    .option(
      '--channel <channel>',
      `one of ${followUpChannels.join(', ')}`,
      parseOneOf(followUpChannels),
      'interview' as FollowUpChannel,
    )
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'ScheduleFollowUp',
        followUpId: o.followUp ?? `f-${randomUUID().slice(0, 8)}`,
        dueOn: o.due,
        channel: o.channel,
      }),
    )
  followUpCommand('reschedule', 'Move a follow-up to a new due date')
    .requiredOption('--due <date>', 'new due date (YYYY-MM-DD)', parseDate)
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, { type: 'RescheduleFollowUp', followUpId: o.followUp, dueOn: o.due }),
    )
  withComment(followUpCommand('keep', 'The young person came')).action((o, cmd) =>
    sendJourneyCommand(
      ctx,
      cmd,
      o,
      { type: 'KeepFollowUp', followUpId: o.followUp, comment: null },
      commentToSeal(o.comment),
    ),
  )
  followUpCommand('miss', 'The young person did not come (on or after the due date)').action((o, cmd) =>
    sendJourneyCommand(ctx, cmd, o, { type: 'MissFollowUp', followUpId: o.followUp }),
  )
  followUpCommand('cancel', 'Cancel a follow-up').action((o, cmd) =>
    sendJourneyCommand(ctx, cmd, o, { type: 'CancelFollowUp', followUpId: o.followUp }),
  )
}
