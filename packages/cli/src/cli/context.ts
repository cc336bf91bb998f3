import { Option, type Command } from '@commander-js/extra-typings'
import type { Logger } from 'pino'
import type { Session } from '../store/access.js'
import { accessSettingsFrom, noActorError, type AccessSettings } from '../store/actorSource.js'
import { openStoreEnv, type OpenStoreOptions, type StoreEnv } from '../store/openStore.js'
import { storeSpecFrom, type StoreSpec } from '../store/storeSpec.js'
import type { CliIo } from './io.js'
import { LOG_LEVELS } from './logLevels.js'
import { parseOneOf } from './parse.js'

// ---------------------------------------------------------------------------------------------
// model: what a command's action gets besides its own options
// ---------------------------------------------------------------------------------------------

/** Declares the global options every command accepts: `--store`, `--as` and `--log-level`. */
export const withGlobalOptions = (program: Command) =>
  program
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
        .default('warn' as const),
    )

/** The global options, as their declarations type them. */
export type GlobalOptions = ReturnType<ReturnType<typeof withGlobalOptions>['opts']>

/** Any command of the program, at any depth: it sees the global options. */
export interface WithGlobals {
  readonly optsWithGlobals: () => GlobalOptions
}

/** The run a command belongs to: its io, the global options, the logger, and the stores it opened. */
export interface RunContext {
  readonly io: CliIo
  /** The store spec of this run (flag, PARCOURS_STORE, or the default). */
  readonly storeSpec: (command: WithGlobals) => StoreSpec
  /** Who the run acts as (`--as`, PARCOURS_AS, the configuration file), and the access policy. */
  readonly access: (command: WithGlobals) => AccessSettings
  /** The actor and policy of a command that needs an actor; without one, a usage error (exit 2). */
  readonly session: (command: WithGlobals) => Session
  /** The root logger (pino, to stderr, personal data redacted). */
  readonly logger: (command: WithGlobals) => Promise<Logger>
  /** Opens the store, the key store and the vault; they are closed when the run ends. */
  readonly openStore: (command: WithGlobals, options?: OpenStoreOptions) => Promise<StoreEnv>
  /** Registers something to release when the run ends (in reverse order). */
  readonly onDispose: (release: () => Promise<void> | void) => void
  /** Releases everything the run opened. */
  readonly dispose: () => Promise<void>
}

/** Creates the context of one run. */
export const createRunContext = (io: CliIo): RunContext => {
  const releases: Array<() => Promise<void> | void> = []
  let logger: Logger | undefined
  const globals = (command: WithGlobals): GlobalOptions => command.optsWithGlobals()
  const storeSpec = (command: WithGlobals): StoreSpec => storeSpecFrom(globals(command).store, io.env, io.cwd)
  const getLogger = async (command: WithGlobals): Promise<Logger> => {
    if (logger === undefined) {
      const { createParcoursLogger } = await import('@parcours/adapters')
      logger = createParcoursLogger({
        level: globals(command).logLevel,
        destination: { write: (s: string) => void io.stderr.write(s) },
      })
    }
    return logger
  }
  const access = (command: WithGlobals): AccessSettings =>
    accessSettingsFrom(globals(command).as, io.env, io.cwd)
  return {
    io,
    storeSpec,
    access,
    session: (command) => {
      const { actor, policy } = access(command)
      if (actor === undefined)
        throw noActorError(
          'name' in command && typeof command.name === 'function' ? String(command.name()) : 'this command',
        )
      return { actor: actor.actor, policy }
    },
    logger: getLogger,
    openStore: async (command, options) => {
      const env = await openStoreEnv(storeSpec(command), io.cwd, await getLogger(command), options, io.env)
      releases.push(env.close)
      return env
    },
    onDispose: (release) => void releases.push(release),
    dispose: async () => {
      for (const release of releases.splice(0).reverse()) await release()
    },
  }
}
