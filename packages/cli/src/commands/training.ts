import { subcommand } from '../cli/configureCommand.js'
import type { CommandModule } from './commandModule.js'
import { register as registerEnd } from './endTraining.js'
import { register as registerStart } from './startTraining.js'

/** `parcours training start|end`: a training starts, from a training proposal or not; it ends. */
export const register: CommandModule['register'] = (command, ctx) => {
  registerStart(subcommand(command, 'start', 'Record a training start', ctx.io), ctx)
  registerEnd(subcommand(command, 'end', 'Record a training end (completed or abandoned)', ctx.io), ctx)
}
