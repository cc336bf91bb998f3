import { subcommand } from '../cli/configureCommand.js'
import type { CommandModule } from './commandModule.js'
import { register as registerEnd } from './endEmployment.js'
import { register as registerStart } from './startEmployment.js'

/** `parcours employment start|end`: a job starts (durable or not follows from the contract); it ends. */
export const register: CommandModule['register'] = (command, ctx) => {
  registerStart(subcommand(command, 'start', 'Record an employment start', ctx.io), ctx)
  registerEnd(subcommand(command, 'end', 'Record an employment end', ctx.io), ctx)
}
