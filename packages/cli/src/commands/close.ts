import { exitReasons } from '@parcours/domain'
import { parseOneOf } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { commentToSeal, sendJourneyCommand, withComment, withJourneyOptions } from './journey/index.js'

/** `parcours close`: the exit (sortie); the reason `other` needs a comment. */
export const register: CommandModule['register'] = (command, ctx) =>
  withComment(withJourneyOptions(command), "comment (required for the reason 'other'; sealed in the vault)")
    .requiredOption('--reason <reason>', `one of ${exitReasons.join(', ')}`, parseOneOf(exitReasons))
    .action((o, cmd) =>
      sendJourneyCommand(
        ctx,
        cmd,
        o,
        { type: 'CloseJourney', reason: o.reason, comment: null },
        commentToSeal(o.comment),
      ),
    )
