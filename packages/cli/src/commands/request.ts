import { randomUUID } from 'node:crypto'
import type { Command } from 'commander'
import { themes, type Theme } from '@parcours/domain'
import { parseId, parseOneOf } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import {
  commentToSeal,
  sendJourneyCommand,
  withComment,
  withJourneyOptions,
  type JourneyOptions,
} from './journey/index.js'

interface Options extends JourneyOptions {
  readonly request?: string
  readonly theme: Theme
  readonly comment?: string
}

/** `parcours request`: what the young person asks for. */
export const register: CommandModule['register'] = (command, ctx) =>
  withComment(withJourneyOptions(command))
    .option('--request <id>', 'request id (generated when absent)', parseId)
    .requiredOption('--theme <theme>', `one of ${themes.join(', ')}`, parseOneOf(themes))
    .action((o: Options, cmd: Command) =>
      sendJourneyCommand(
        ctx,
        cmd,
        o,
        {
          type: 'RecordRequest',
          requestId: o.request ?? `r-${randomUUID().slice(0, 8)}`,
          theme: o.theme,
          comment: null,
        },
        commentToSeal(o.comment),
      ),
    )
