import { createRequire } from 'node:module'
import { Command, CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings'
import { configureCommand } from './cli/configureCommand.js'
import { createRunContext, withGlobalOptions } from './cli/context.js'
import { CliError, ExitCode, usageError } from './cli/errors.js'
import { processIo, type CliIo } from './cli/io.js'
import { writeError } from './cli/writeError.js'
import { commandIndex, type ParcoursCommand } from './commands/index.js'

// ---------------------------------------------------------------------------------------------
// the program: global options, the command index, and the mapping of every failure to an exit code
// ---------------------------------------------------------------------------------------------

const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version

// Help asked for (`--help`, `help`) and `--version` exit 0; help shown because a group such as
// `follow-up` was given no subcommand carries exit code 1 from commander, and is bad usage.
const exitCodeOf = (error: CommanderError): number => (error.exitCode === 0 ? ExitCode.ok : ExitCode.usage)

// What commander says, as one sentence (its messages start with `error: `).
const messageOf = (error: CommanderError): string =>
  error.code === 'commander.help'
    ? 'a subcommand is needed (add --help to list them)'
    : error.message.replace(/^error: /, '')

/** `--json` anywhere among the options (before a `--`): errors are then printed as JSON. */
const asksForJson = (argv: ReadonlyArray<string>): boolean => {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--json' || a.startsWith('--json='))
}

// `--` ends the options and starts a command's arguments: after the command, for a command that
// takes arguments. Anywhere else (`parcours -- report`, `report --`) it is a mistake, not a no-op.
// Checked as each command is dispatched to (its path must come before `--`), then for the action.
const checkDoubleDash = (
  argv: ReadonlyArray<string>,
  command: CommandUnknownOpts,
  isAction: boolean,
): void => {
  const end = argv.indexOf('--')
  if (end === -1) return
  const path: string[] = []
  for (let c: CommandUnknownOpts | null = command; c?.parent != null; c = c.parent) path.unshift(c.name())
  const name = path.join(' ')
  let next = 0
  for (const word of argv.slice(0, end)) if (word === path[next]) next += 1
  if (next < path.length)
    throw usageError(
      `'--' came before the command ${name}: write the command first (parcours ${name} …); '--' goes only before the arguments of a command that takes some.`,
    )
  if (isAction && command.registeredArguments.length === 0)
    throw usageError(`'--' starts the arguments of a command, and ${name} takes none: remove it.`)
}

const buildProgram = (io: CliIo) =>
  withGlobalOptions(configureCommand(new Command('parcours'), io))
    .description(
      'Event-sourced journeys of young people into work and training: the missions locales network.',
    )
    .version(version, '--version', 'print the version')

/**
 * Runs `parcours` with raw arguments (without the node and script paths) and returns the exit
 * code. Output goes to `io`; nothing here exits the process. Errors are one line on stderr, or
 * under `--json` one JSON object `{"error": {"code", "exitCode", "message"}}`.
 *
 * @example
 * import { bufferIo, ExitCode, run } from '@parcours/cli'
 *
 * const io = bufferIo({ PARCOURS_STORE: 'memory' })
 * const code = await run(['demo', '--youths', '50', '--months', '3', '--json', '--no-html'], io)
 * if (code === ExitCode.ok) console.log(JSON.parse(io.out()))
 * else console.error(io.err())
 */
export const run = async (argv: ReadonlyArray<string>, given: CliIo = processIo()): Promise<number> => {
  const io: CliIo = asksForJson(argv) ? { ...given, jsonErrors: true } : given
  const program = buildProgram(io)
  const ctx = createRunContext(io)
  try {
    // Every command is listed; the file of the one being run is loaded only when commander
    // dispatches to it, and declares its options and action then.
    const entries = new Map(commandIndex.map((entry) => [entry.name, entry]))
    for (const entry of commandIndex)
      configureCommand(
        program.command(entry.name, { hidden: entry.replacedBy !== undefined }),
        io,
      ).description(
        entry.replacedBy === undefined
          ? entry.summary
          : `${entry.summary} (former name of ${entry.replacedBy})`,
      )
    const dispatched = (_parent: CommandUnknownOpts, command: CommandUnknownOpts) =>
      checkDoubleDash(argv, command, false)
    const checkGroups = (command: CommandUnknownOpts): void => {
      if (command.commands.length === 0) return
      command.hook('preSubcommand', dispatched)
      for (const sub of command.commands) checkGroups(sub)
    }
    program.hook('preSubcommand', async (_program, command) => {
      checkDoubleDash(argv, command, false)
      const entry = entries.get(command.name())
      if (entry === undefined) return
      if (entry.replacedBy !== undefined)
        io.stderr.write(
          `parcours: '${entry.name}' is deprecated and will be removed; use 'parcours ${entry.replacedBy}'.\n`,
        )
      if (entry.readsEveryCommand === true)
        for (const other of program.commands)
          if (other !== command)
            await entries
              .get(other.name())
              ?.load()
              .then((m) => m.register(other as ParcoursCommand, ctx))
      ;(await entry.load()).register(command as ParcoursCommand, ctx)
      checkGroups(command)
    })
    program.hook('preAction', (_program, action) => checkDoubleDash(argv, action, true))
    if (argv.length === 0) {
      program.outputHelp()
      return ExitCode.usage
    }
    await program.parseAsync([...argv], { from: 'user' })
    return ExitCode.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      const code = exitCodeOf(error)
      if (code !== ExitCode.ok && io.jsonErrors === true) writeError(io, code, messageOf(error))
      return code
    }
    if (error instanceof CliError) {
      writeError(io, error.exitCode, error.message)
      return error.exitCode
    }
    writeError(
      io,
      ExitCode.infrastructure,
      `unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
    )
    return ExitCode.infrastructure
  } finally {
    await ctx.dispose()
  }
}
