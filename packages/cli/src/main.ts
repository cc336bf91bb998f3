import { createRequire } from 'node:module'
import { Command, CommanderError, Option } from 'commander'
import { configureCommand } from './cli/configureCommand.js'
import { createRunContext } from './cli/context.js'
import { CliError, ExitCode } from './cli/errors.js'
import { processIo, type CliIo } from './cli/io.js'
import { LOG_LEVELS } from './cli/logLevels.js'
import { parseOneOf } from './cli/parse.js'
import { commandIndex } from './commands/index.js'

// ---------------------------------------------------------------------------------------------
// the program: global options, the command index, and the mapping of every failure to an exit code
// ---------------------------------------------------------------------------------------------

const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version

/** Global options that take a value (so the command name is not mistaken for one). */
const GLOBALS_WITH_VALUE = new Set(['--store', '--as', '--log-level'])

const commandNameIn = (argv: ReadonlyArray<string>): string | undefined => {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') return undefined
    if (GLOBALS_WITH_VALUE.has(arg)) i++
    else if (!arg.startsWith('-')) return arg
  }
  return undefined
}

// Help asked for (`--help`, `help`) and `--version` exit 0; help shown because a group such as
// `follow-up` was given no subcommand carries exit code 1 from commander, and is bad usage.
const exitCodeOf = (error: CommanderError): number => (error.exitCode === 0 ? ExitCode.ok : ExitCode.usage)

const buildProgram = (io: CliIo): Command =>
  configureCommand(new Command('parcours'), io)
    .description(
      'Event-sourced journeys of young people into work and training: the missions locales network.',
    )
    .version(version, '--version', 'print the version')
    .addOption(
      new Option(
        '--store <spec>',
        'memory | sqlite:PATH | esdb://HOST:PORT?tls=false (env PARCOURS_STORE; default sqlite:./parcours.db)',
      ),
    )
    .addOption(
      new Option(
        '--as <actor>',
        'who acts: counsellor:ID@ML | manager:ID@ML | statistician:ID | operator:ID (env PARCOURS_AS; else "as" in parcours.config.json)',
      ),
    )
    .addOption(
      new Option('--log-level <level>', `log level on stderr (${LOG_LEVELS.join(', ')})`)
        .argParser(parseOneOf(LOG_LEVELS))
        .default('warn'),
    )

/**
 * Runs `parcours` with raw arguments (without the node and script paths) and returns the exit
 * code. Output goes to `io`; nothing here exits the process.
 */
export const run = async (argv: ReadonlyArray<string>, io: CliIo = processIo()): Promise<number> => {
  const program = buildProgram(io)
  const ctx = createRunContext(io)
  const name = commandNameIn(argv)
  try {
    for (const entry of commandIndex) {
      const command = configureCommand(program.command(entry.name), io).description(entry.summary)
      if (entry.name === name) (await entry.load()).register(command, ctx)
    }
    if (name === undefined && argv.length === 0) {
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
