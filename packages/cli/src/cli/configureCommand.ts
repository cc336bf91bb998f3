import type { Command, CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings'
import type { CliIo } from './io.js'

/** Configures a command to report through `io`, never exit the process, and refuse stray arguments. */
export const configureCommand = <C extends CommandUnknownOpts>(command: C, io: CliIo): C =>
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

/** Adds a configured subcommand (e.g. `programme enter`); it sees its parents' options. */
export const subcommand = <
  Name extends string,
  Args extends unknown[],
  Opts extends OptionValues,
  Globals extends OptionValues,
>(
  parent: Command<Args, Opts, Globals>,
  name: Name,
  description: string,
  io: CliIo,
) => configureCommand(parent.command(name), io).description(description)
