import { Argument } from '@commander-js/extra-typings'
import { bashCompletion, completionShells, completionTree, zshCompletion } from '../cli/completion.js'
import type { CommandModule } from './commandModule.js'

/** `parcours completion bash|zsh`: the completion script, made from every command and option. */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(completionShells))
    .action((shell, _o, cmd) => {
      // main.ts has declared every command on the program before this one runs.
      const root = cmd.parent ?? cmd
      const tree = completionTree(root)
      ctx.io.stdout.write(shell === 'bash' ? bashCompletion(tree) : zshCompletion(tree))
    })
