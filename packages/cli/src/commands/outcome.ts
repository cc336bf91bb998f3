import { proposalOutcomes } from '@parcours/domain'
import { parseId, parseOneOf } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/** `parcours outcome`: the one outcome of a proposal. */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .requiredOption('--proposal <id>', 'the proposal', parseId)
    .requiredOption(
      '--outcome <outcome>',
      `one of ${proposalOutcomes.join(', ')}`,
      parseOneOf(proposalOutcomes),
    )
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'RecordProposalOutcome',
        proposalId: o.proposal,
        outcome: o.outcome,
      }),
    )
