import type { Command } from 'commander'
import type { RunContext } from '../cli/context.js'

// ---------------------------------------------------------------------------------------------
// model: what each command file offers main.ts.
// ---------------------------------------------------------------------------------------------

/** A command file: it declares its options on the command main.ts created, and its action. */
export interface CommandModule {
  readonly register: (command: Command, ctx: RunContext) => void
}

/** An entry of the command index: enough to list the command without loading its file. */
export interface CommandEntry {
  readonly name: string
  readonly summary: string
  readonly load: () => Promise<CommandModule>
}
