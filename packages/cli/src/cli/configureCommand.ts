import { Help, type Command, type CommandUnknownOpts, type OptionValues } from '@commander-js/extra-typings'
import type { CliIo } from './io.js'
import { escapeUnsafe } from './safeText.js'

/**
 * Configures a command to report through `io`, never exit the process, and refuse stray
 * arguments. What commander says of bad usage never carries a raw control, bidirectional or
 * zero-width character; under `--json` (`io.jsonErrors`) it says nothing, and `run` prints the
 * error as JSON. A required option says so in help.
 */
export const configureCommand = <C extends CommandUnknownOpts>(command: C, io: CliIo): C =>
  command
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void (io.jsonErrors === true ? undefined : io.stderr.write(escapeUnsafe(s))),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showHelpAfterError('(add --help for usage)')
    .allowExcessArguments(false)
    .helpOption('-h, --help', 'print help')
    .configureHelp({
      showGlobalOptions: true,
      // Commander's own description, marked when the option must be given.
      optionDescription(this: Help, option) {
        const described = Help.prototype.optionDescription.call(this, option)
        return option.mandatory ? `${described} (required)` : described
      },
    })

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
