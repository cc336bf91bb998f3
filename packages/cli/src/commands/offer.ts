import { randomUUID } from 'node:crypto'
import { themes } from '@parcours/domain'
import { parseDate, parseId, parseOneOf } from '../cli/parse.js'
import { partnerOfferFrom } from '../store/offerCatalogue.js'
import { trainingLinkFrom } from '../store/trainingCatalogue.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/** `parcours offer`: a proposal with a theme and a respond-by date. */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .option('--proposal <id>', 'proposal id (generated when absent)', parseId)
    .requiredOption('--theme <theme>', `one of ${themes.join(', ')}`, parseOneOf(themes))
    .requiredOption('--respond-by <date>', 'expires when unanswered after this date (YYYY-MM-DD)', parseDate)
    .option(
      '--training-action <id>',
      'a training proposal: the action of the training catalogue (LHEO numero)',
      parseId,
    )
    .option('--training-session <id>', 'and its session (LHEO numero)', parseId)
    .option(
      '--partner-offer <id>',
      'an employment or apprenticeship proposal: a France Travail offer of the offer catalogue (its id)',
      parseId,
    )
    .action(async (o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'OfferProposal',
        proposalId: o.proposal ?? `p-${randomUUID().slice(0, 8)}`,
        theme: o.theme,
        respondBy: o.respondBy,
        ...(await trainingLinkFrom(ctx, cmd, o)),
        ...(await partnerOfferFrom(ctx, cmd, o)),
      }),
    )
