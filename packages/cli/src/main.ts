import { createRequire } from 'node:module'
import { Command, CommanderError } from '@commander-js/extra-typings'
import { configureCommand } from './cli/configureCommand.js'
import { createRunContext, withGlobalOptions } from './cli/context.js'
import { CliError, ExitCode } from './cli/errors.js'
import { processIo, type CliIo } from './cli/io.js'
import { commandIndex, type ParcoursCommand } from './commands/index.js'

// ---------------------------------------------------------------------------------------------
// the program: global options, the command index, and the mapping of every failure to an exit code
// ---------------------------------------------------------------------------------------------

const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version

// Help asked for (`--help`, `help`) and `--version` exit 0; help shown because a group such as
// `follow-up` was given no subcommand carries exit code 1 from commander, and is bad usage.
const exitCodeOf = (error: CommanderError): number => (error.exitCode === 0 ? ExitCode.ok : ExitCode.usage)

const buildProgram = (io: CliIo) =>
  withGlobalOptions(configureCommand(new Command('parcours'), io))
    .description(
      'Event-sourced journeys of young people into work and training: the missions locales network.',
    )
    .version(version, '--version', 'print the version')

/**
 * Runs `parcours` with raw arguments (without the node and script paths) and returns the exit
 * code. Output goes to `io`; nothing here exits the process.
 *
 * @example
 * import { bufferIo, ExitCode, run } from '@parcours/cli'
 *
 * const io = bufferIo({ PARCOURS_STORE: 'memory' })
 * const code = await run(['demo', '--youths', '50', '--months', '3', '--json', '--no-html'], io)
 * if (code === ExitCode.ok) console.log(JSON.parse(io.out()))
 * else console.error(io.err())
 */
export const run = async (argv: ReadonlyArray<string>, io: CliIo = processIo()): Promise<number> => {
  const program = buildProgram(io)
  const ctx = createRunContext(io)
  try {
    // Every command is listed; the file of the one being run is loaded only when commander
    // dispatches to it, and declares its options and action then.
    const entries = new Map(commandIndex.map((entry) => [entry.name, entry]))
    for (const entry of commandIndex)
      configureCommand(program.command(entry.name), io).description(entry.summary)
    program.hook('preSubcommand', async (_program, command) => {
      const entry = entries.get(command.name())
      if (entry !== undefined) (await entry.load()).register(command as ParcoursCommand, ctx)
    })
    if (argv.length === 0) {
      program.outputHelp()
      return ExitCode.usage
    }
    await program.parseAsync([...argv], { from: 'user' })
    return ExitCode.ok
  } catch (error) {
    if (error instanceof CommanderError) return exitCodeOf(error)
    if (error instanceof CliError) {
      io.stderr.write(`parcours: ${error.message}\n`)
      return error.exitCode
    }
    io.stderr.write(
      `parcours: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    return ExitCode.infrastructure
  } finally {
    await ctx.dispose()
  }
}
