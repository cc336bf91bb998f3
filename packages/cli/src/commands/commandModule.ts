import type { Command } from '@commander-js/extra-typings'
import type { GlobalOptions, RunContext } from '../cli/context.js'

// ---------------------------------------------------------------------------------------------
// model: what each command file offers main.ts.
// ---------------------------------------------------------------------------------------------

/** A command as main.ts creates it: no options of its own yet, the global options typed. */

export type ParcoursCommand = Command<[], {}, GlobalOptions>

/**
 * A command file: it declares its options on the command main.ts created, and its action. The
 * action's options are typed from those declarations (`@commander-js/extra-typings`).
 */
export interface CommandModule {
  readonly register: (command: ParcoursCommand, ctx: RunContext) => void
}

/** An entry of the command index: enough to list the command without loading its file. */
export interface CommandEntry {
  readonly name: string
  readonly summary: string
  /** A former name: the command that replaces it (`training start`); hidden from help and completion. */
  readonly replacedBy?: string
  /** It reads the whole command tree (completion): every command is declared before it runs. */
  readonly readsEveryCommand?: boolean
  readonly load: () => Promise<CommandModule>
}
