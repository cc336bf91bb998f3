import { randomUUID } from 'node:crypto'
import { contractTypes } from '@parcours/domain'
import { parseId, parseIntIn, parseOneOf } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/** `parcours employment start`: a job starts (durable or not is derived from the contract). */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .option('--employment <id>', 'employment id (generated when absent)', parseId)
    .option('--proposal <id>', 'the proposal it comes from', parseId)
    .requiredOption('--contract <type>', `one of ${contractTypes.join(', ')}`, parseOneOf(contractTypes))
    .option('--months <n>', 'duration in months (required for a CDD)', parseIntIn(1, 120))
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'StartEmployment',
        employmentId: o.employment ?? `e-${randomUUID().slice(0, 8)}`,
        proposalId: o.proposal ?? null,
        contract: o.contract,
        durationMonths: o.months ?? null,
      }),
    )
