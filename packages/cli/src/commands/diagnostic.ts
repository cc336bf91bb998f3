import type { CommandModule } from './commandModule.js'
import { commentToSeal, sendJourneyCommand, withComment, withJourneyOptions } from './journey/index.js'

/** `parcours diagnostic`: the diagnostic is complete. */
export const register: CommandModule['register'] = (command, ctx) =>
  withComment(withJourneyOptions(command)).action((o, cmd) =>
    sendJourneyCommand(ctx, cmd, o, { type: 'CompleteDiagnostic', comment: null }, commentToSeal(o.comment)),
  )
