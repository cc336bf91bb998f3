import type { CommandModule } from './commandModule.js'
import { register as registerDropouts } from './partners/dropouts.js'
import { register as registerExport } from './partners/export.js'
import { register as registerFeed } from './partners/feed.js'
import { register as registerInbox } from './partners/inbox.js'
import { register as registerOffers } from './partners/offers.js'
import { register as registerTrainings } from './partners/trainings.js'

// Each flow of `parcours partners` is a file of partners/: it adds its subcommands to the group.
const flows: ReadonlyArray<CommandModule['register']> = [
  registerFeed,
  registerExport,
  registerTrainings,
  registerOffers,
  registerInbox,
  registerDropouts,
]

/** `parcours partners …`: the flows to and from the partners (feed for partner apps, outbound files, training and offer catalogues, the inbox's failures, dropout lists). */
export const register: CommandModule['register'] = (command, ctx) => {
  for (const flow of flows) flow(command, ctx)
}
