import type { Command } from 'commander'
import type { CommandModule } from './commandModule.js'
import {
  commentToSeal,
  sendJourneyCommand,
  withComment,
  withJourneyOptions,
  type JourneyOptions,
} from './journey/index.js'

/** `parcours diagnostic`: the diagnostic is complete. */
export const register: CommandModule['register'] = (command, ctx) =>
  withComment(withJourneyOptions(command)).action(
    (o: JourneyOptions & { readonly comment?: string }, cmd: Command) =>
      sendJourneyCommand(
        ctx,
        cmd,
        o,
        { type: 'CompleteDiagnostic', comment: null },
        commentToSeal(o.comment),
      ),
  )
