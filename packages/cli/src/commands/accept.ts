import { parseId } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/** `parcours accept`: the young person accepted a proposal (its outcome comes later). */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .requiredOption('--proposal <id>', 'the proposal', parseId)
    .action((o, cmd) => sendJourneyCommand(ctx, cmd, o, { type: 'AcceptProposal', proposalId: o.proposal }))
