import type { Command } from 'commander'
import type { CliIo } from './io.js'

/** Configures a command to report through `io`, never exit the process, and refuse stray arguments. */
export const configureCommand = (command: Command, io: CliIo): Command =>
  command
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    })
    .showHelpAfterError('(add --help for usage)')
    .allowExcessArguments(false)
    .helpOption('-h, --help', 'print help')
    .configureHelp({ showGlobalOptions: true })

/** Adds a configured subcommand (e.g. `programme enter`). */
export const subcommand = (parent: Command, name: string, description: string, io: CliIo): Command =>
  configureCommand(parent.command(name), io).description(description)
