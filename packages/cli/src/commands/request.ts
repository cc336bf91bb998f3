import { randomUUID } from 'node:crypto'
import { themes } from '@parcours/domain'
import { parseId, parseOneOf } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { commentToSeal, sendJourneyCommand, withComment, withJourneyOptions } from './journey/index.js'

/** `parcours request`: what the young person asks for. */
export const register: CommandModule['register'] = (command, ctx) =>
  withComment(withJourneyOptions(command))
    .option('--request <id>', 'request id (generated when absent)', parseId)
    .requiredOption('--theme <theme>', `one of ${themes.join(', ')}`, parseOneOf(themes))
    .action((o, cmd) =>
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
