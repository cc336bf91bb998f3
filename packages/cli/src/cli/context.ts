import type { Command } from 'commander'
import type { Logger } from 'pino'
import type { Session } from '../store/access.js'
import { accessSettingsFrom, noActorError, type AccessSettings } from '../store/actorSource.js'
import { openStoreEnv, type OpenStoreOptions, type StoreEnv } from '../store/openStore.js'
import { storeSpecFrom, type StoreSpec } from '../store/storeSpec.js'
import type { CliIo } from './io.js'
import type { LogLevel } from './logLevels.js'

// ---------------------------------------------------------------------------------------------
// model: what a command's action gets besides its own options
// ---------------------------------------------------------------------------------------------

/** The global options every command accepts. */
export interface GlobalOptions {
  readonly store?: string
  readonly as?: string
  readonly logLevel: LogLevel
}

/** The run a command belongs to: its io, the global options, the logger, and the stores it opened. */
export interface RunContext {
  readonly io: CliIo
  /** The store spec of this run (flag, PARCOURS_STORE, or the default). */
  readonly storeSpec: (command: Command) => StoreSpec
  /** Who the run acts as (`--as`, PARCOURS_AS, the configuration file), and the access policy. */
  readonly access: (command: Command) => AccessSettings
  /** The actor and policy of a command that needs an actor; without one, a usage error (exit 2). */
  readonly session: (command: Command) => Session
  /** The root logger (pino, to stderr, personal data redacted). */
  readonly logger: (command: Command) => Promise<Logger>
  /** Opens the store, the key store and the vault; they are closed when the run ends. */
  readonly openStore: (command: Command, options?: OpenStoreOptions) => Promise<StoreEnv>
  /** Registers something to release when the run ends (in reverse order). */
  readonly onDispose: (release: () => Promise<void> | void) => void
  /** Releases everything the run opened. */
  readonly dispose: () => Promise<void>
}

/** Creates the context of one run. */
export const createRunContext = (io: CliIo): RunContext => {
  const releases: Array<() => Promise<void> | void> = []
  let logger: Logger | undefined
  const globals = (command: Command): GlobalOptions => command.optsWithGlobals<GlobalOptions>()
  const storeSpec = (command: Command): StoreSpec => storeSpecFrom(globals(command).store, io.env, io.cwd)
  const getLogger = async (command: Command): Promise<Logger> => {
    if (logger === undefined) {
      const { createParcoursLogger } = await import('@parcours/adapters')
      logger = createParcoursLogger({
        level: globals(command).logLevel,
        destination: { write: (s: string) => void io.stderr.write(s) },
      })
    }
    return logger
  }
  const access = (command: Command): AccessSettings => accessSettingsFrom(globals(command).as, io.env, io.cwd)
  return {
    io,
    storeSpec,
    access,
    session: (command) => {
      const { actor, policy } = access(command)
      if (actor === undefined) throw noActorError(command.name())
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
