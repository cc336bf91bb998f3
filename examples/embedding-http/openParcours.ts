// What the service holds open: the event store, the vault with its key store, the access log,
// the journey command handler, and the read models with the projection runner that fills them.
// Keys, access log and read models are SQLite files in the service's data folder, whichever
// store holds the events (keys stay apart from the events, so erasing a key shreds the data).

import { join } from 'node:path'
import type { Logger } from 'pino'
import {
  createJourneyCommandHandler,
  createVault,
  getSqliteAccessLog,
  getSqliteKeyStore,
  type JourneyCommandHandler,
  type Vault,
} from '@parcours/adapters'
import {
  defaultAccessPolicy,
  type AccessLog,
  type AccessPolicy,
  type EventStore,
  type JourneyEvent,
} from '@parcours/domain'
import {
  allProjections,
  createProjectionRunner,
  getSqliteProjectionSink,
  type ProjectionRunner,
  type ProjectionSink,
} from '@parcours/projections'
import { openEventStore, type StoreChoice } from './storeChoice.js'

/** The service's handles on Parcours. */
export interface Parcours {
  readonly store: EventStore<JourneyEvent>
  readonly vault: Vault
  readonly accessLog: AccessLog
  readonly handle: JourneyCommandHandler
  readonly sink: ProjectionSink
  readonly runner: ProjectionRunner
  readonly policy: AccessPolicy
  readonly logger: Logger
  /** Closes everything it opened, the store last. */
  readonly close: () => Promise<void>
}

/** Opens the chosen store and, in `dataFolder`, the key store, the access log and the read models. */
export const openParcours = (options: {
  readonly store: StoreChoice
  readonly dataFolder: string
  readonly logger: Logger
  readonly policy?: AccessPolicy
}): Parcours => {
  const { logger, dataFolder } = options
  const store = openEventStore(options.store, logger)
  const keyStore = getSqliteKeyStore({ path: join(dataFolder, 'parcours-keys.db') })
  const vault = createVault({ keyStore })
  const accessLog = getSqliteAccessLog({ path: join(dataFolder, 'parcours-access-log.db') })
  const sink = getSqliteProjectionSink({ path: join(dataFolder, 'parcours-read-models.db') })
  const runner = createProjectionRunner({ store, projections: allProjections, sink, logger, name: 'http' })
  return {
    store,
    vault,
    accessLog,
    handle: createJourneyCommandHandler({ store, vault, logger }),
    sink,
    runner,
    policy: options.policy ?? defaultAccessPolicy,
    logger,
    close: async () => {
      await runner.stop()
      await sink.close()
      await accessLog.close()
      await keyStore.close()
      await store.close()
    },
  }
}
