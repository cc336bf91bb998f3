import type { Command } from 'commander'
import { parseId } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions, type JourneyOptions } from './journey/index.js'

/** `parcours accept`: the young person accepted a proposal (its outcome comes later). */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .requiredOption('--proposal <id>', 'the proposal', parseId)
    .action((o: JourneyOptions & { readonly proposal: string }, cmd: Command) =>
      sendJourneyCommand(ctx, cmd, o, { type: 'AcceptProposal', proposalId: o.proposal }),
    )
