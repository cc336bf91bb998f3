import type { Command } from 'commander'
import { exitReasons, type ExitReason } from '@parcours/domain'
import { parseOneOf } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import {
  commentToSeal,
  sendJourneyCommand,
  withComment,
  withJourneyOptions,
  type JourneyOptions,
} from './journey/index.js'

/** `parcours close`: the exit (sortie); the reason `other` needs a comment. */
export const register: CommandModule['register'] = (command, ctx) =>
  withComment(withJourneyOptions(command), "comment (required for the reason 'other'; sealed in the vault)")
    .requiredOption('--reason <reason>', `one of ${exitReasons.join(', ')}`, parseOneOf(exitReasons))
    .action((o: JourneyOptions & { readonly reason: ExitReason; readonly comment?: string }, cmd: Command) =>
      sendJourneyCommand(
        ctx,
        cmd,
        o,
        { type: 'CloseJourney', reason: o.reason, comment: null },
        commentToSeal(o.comment),
      ),
    )
