import { randomUUID } from 'node:crypto'
import type { Command } from 'commander'
import { appointmentKinds, type AppointmentKind, type LocalDate } from '@parcours/domain'
import { subcommand } from '../cli/configureCommand.js'
import { parseDate, parseId, parseOneOf } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import {
  commentToSeal,
  sendJourneyCommand,
  withComment,
  withJourneyOptions,
  type JourneyOptions,
} from './journey/index.js'

type WithFollowUp = JourneyOptions & { readonly followUp: string }

/** `parcours follow-up schedule|reschedule|keep|miss|cancel`. */
export const register: CommandModule['register'] = (command, ctx) => {
  const followUpCommand = (name: string, description: string, required = true): Command => {
    const sub = withJourneyOptions(subcommand(command, name, description, ctx.io))
    return required
      ? sub.requiredOption('--follow-up <id>', 'the follow-up', parseId)
      : sub.option('--follow-up <id>', 'follow-up id (generated when absent)', parseId)
  }
  followUpCommand('schedule', 'Schedule a follow-up', false)
    .requiredOption('--due <date>', 'due date (YYYY-MM-DD)', parseDate)
    .option(
      '--kind <kind>',
      `one of ${appointmentKinds.join(', ')}`,
      parseOneOf(appointmentKinds),
      'individual-interview' as AppointmentKind,
    )
    .action(
      (
        o: JourneyOptions & {
          readonly followUp?: string
          readonly due: LocalDate
          readonly kind: AppointmentKind
        },
        cmd: Command,
      ) =>
        sendJourneyCommand(ctx, cmd, o, {
          type: 'ScheduleFollowUp',
          followUpId: o.followUp ?? `f-${randomUUID().slice(0, 8)}`,
          dueOn: o.due,
          kind: o.kind,
        }),
    )
  followUpCommand('reschedule', 'Move a follow-up to a new due date')
    .requiredOption('--due <date>', 'new due date (YYYY-MM-DD)', parseDate)
    .action((o: WithFollowUp & { readonly due: LocalDate }, cmd: Command) =>
      sendJourneyCommand(ctx, cmd, o, { type: 'RescheduleFollowUp', followUpId: o.followUp, dueOn: o.due }),
    )
  withComment(followUpCommand('keep', 'The young person came')).action(
    (o: WithFollowUp & { readonly comment?: string }, cmd: Command) =>
      sendJourneyCommand(
        ctx,
        cmd,
        o,
        { type: 'KeepFollowUp', followUpId: o.followUp, comment: null },
        commentToSeal(o.comment),
      ),
  )
  followUpCommand('miss', 'The young person did not come (on or after the due date)').action(
    (o: WithFollowUp, cmd: Command) =>
      sendJourneyCommand(ctx, cmd, o, { type: 'MissFollowUp', followUpId: o.followUp }),
  )
  followUpCommand('cancel', 'Cancel a follow-up').action((o: WithFollowUp, cmd: Command) =>
    sendJourneyCommand(ctx, cmd, o, { type: 'CancelFollowUp', followUpId: o.followUp }),
  )
}
