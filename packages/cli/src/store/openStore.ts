import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import type { JourneyCommandHandler, StateSnapshots, Vault } from '@parcours/adapters'
import type { AccessLog, EventStore, JourneyEvent, JourneyState, KeyStore } from '@parcours/domain'
import { JOURNEY_STATE_VERSION, JOURNEY_STREAM_PREFIX, journeyEventCodec } from '@parcours/domain'
import { infrastructureError, usageError } from '../cli/errors.js'
import { describeStoreError } from './errors.js'
import { accessLogPathFor, describeStore, keyStorePathFor, type StoreSpec } from './storeSpec.js'

// ---------------------------------------------------------------------------------------------
// model: the store of a run, with the key store and vault beside it
// ---------------------------------------------------------------------------------------------

/** An opened event store, its key store, the vault over it, and the journey command handler. */
export interface StoreEnv {
  readonly spec: StoreSpec
  readonly store: EventStore<JourneyEvent>
  readonly keyStore: KeyStore
  /** The key store as messages name it: its file, or `memory`. */
  readonly keyStoreName: string
  readonly vault: Vault
  /** Every opening of an identity or a comment is recorded here first. */
  readonly accessLog: AccessLog
  /** Handles journey commands on this store, sealing with this vault. */
  readonly handle: JourneyCommandHandler
  /** Where the handler keeps the journeys' folded states (a SQLite store's file); none elsewhere. */
  readonly snapshots: StateSnapshots<JourneyState> | undefined
  readonly logger: Logger
  readonly close: () => Promise<void>
}

/** How to open the store. */
export interface OpenStoreOptions {
  /** Refuse (exit 3) when a SQLite file does not exist yet (instead of creating an empty store) or the store cannot be reached. */
  readonly mustExist?: boolean
  /**
   * Create the key store when it does not exist yet: only for the commands that register young
   * people (`register`, `demo`). Every other command opens an existing key store only — a missing,
   * empty or foreign key file answers exit 3 when the command needs a key, and nothing is created.
   */
  readonly createKeyStore?: boolean
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/** Opens the event store a spec names, the key store beside it, and the vault. */
export const openStoreEnv = async (
  spec: StoreSpec,
  cwd: string,
  logger: Logger,
  options: OpenStoreOptions = {},
  environment: Readonly<Record<string, string | undefined>> = {},
): Promise<StoreEnv> => {
  const adapters = await import('@parcours/adapters')
  if (spec.kind === 'sqlite' && options.mustExist === true && !existsSync(spec.path))
    throw infrastructureError(
      `no store at ${spec.path}: run 'parcours demo' or register a young person first (or pass --store).`,
    )
  if (spec.kind === 'sqlite' && !existsSync(dirname(spec.path)))
    throw usageError(
      `--store: folder ${dirname(spec.path)} does not exist; create it or choose another path.`,
    )
  const codec = journeyEventCodec
  // The SQLite store is kept by its own type too: the journeys' snapshots share its connection.
  // Its cache of decoded events is off: the journey handler's states and their snapshots already
  // spare the commands their journeys' reads (at 20,000 young people, the cache of 50,000 events
  // held 22 MB of the heap and the demo took as long without it).
  const sqliteStore =
    spec.kind === 'sqlite'
      ? adapters.getSqliteEventStore({ path: spec.path, codec, logger, cacheSize: 0 })
      : undefined
  const store: EventStore<JourneyEvent> =
    sqliteStore ??
    (spec.kind === 'esdb'
      ? // A server may hold other applications' streams: journeys are all this store reads.
        adapters.getEventStoreDBEventStore({
          connectionString: spec.connectionString,
          codec,
          logger,
          categories: [JOURNEY_STREAM_PREFIX],
        })
      : adapters.getInMemoryEventStore({ codec, logger }))
  const keyPath = keyStorePathFor(spec, cwd, environment)
  const keyStore =
    keyPath === undefined
      ? adapters.getInMemoryKeyStore()
      : adapters.getSqliteKeyStore({ path: keyPath, mustExist: options.createKeyStore !== true })
  const vault = adapters.createVault({ keyStore })
  const accessPath = accessLogPathFor(spec, cwd, environment)
  const accessLog =
    accessPath === undefined
      ? adapters.getInMemoryAccessLog()
      : adapters.getSqliteAccessLog({ path: accessPath })
  // On SQLite, the journeys' folded states are kept in the store's file, on its connection: a
  // command reads only what was appended since its journey's last snapshot.
  const snapshots =
    sqliteStore === undefined
      ? undefined
      : adapters.getSqliteStateSnapshots<JourneyState>({
          store: sqliteStore,
          version: JOURNEY_STATE_VERSION,
          logger,
        })
  const close = async () => {
    await snapshots?.close()
    await store.close()
    await keyStore.close()
    await accessLog.close()
  }
  if (options.mustExist === true) {
    // One read fails fast when the store cannot be reached, where a projection run would keep resubscribing.
    const probe = await store.readAll({ maxCount: 1 })()
    if (isLeft(probe) && probe.left._tag === 'StoreUnavailable') {
      await close()
      throw infrastructureError(describeStoreError(probe.left))
    }
  }
  logger.debug({ store: describeStore(spec) }, 'store opened')
  const handle = adapters.createJourneyCommandHandler({
    store,
    vault,
    logger,
    ...(snapshots === undefined ? {} : { snapshots }),
  })
  const keyStoreName = keyPath ?? 'memory'
  return { spec, store, keyStore, keyStoreName, vault, accessLog, handle, snapshots, logger, close }
}
