import type { CommandModule } from './commandModule.js'
import { register as registerExport } from './partners/export.js'
import { register as registerFeed } from './partners/feed.js'

// Each flow of `parcours partners` is a file of partners/: it adds its subcommands to the group.
const flows: ReadonlyArray<CommandModule['register']> = [registerFeed, registerExport]

/** `parcours partners …`: the flows to and from the partners (feed for partner apps, outbound files). */
export const register: CommandModule['register'] = (command, ctx) => {
  for (const flow of flows) flow(command, ctx)
}
