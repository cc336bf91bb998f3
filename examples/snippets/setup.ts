// What several snippets take as given: a service's in-memory journey store, vault and logger, and
// journey commands decoded from JSON.
import { isLeft } from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import {
  createParcoursLogger,
  createVault,
  getInMemoryEventStore,
  getInMemoryKeyStore,
  getSqliteEventStore,
  type Vault,
} from '@parcours/adapters'
import {
  decodeCommand,
  journeyEventCodec,
  type EventStore,
  type JourneyCommand,
  type JourneyEvent,
} from '@parcours/domain'

/** An in-memory journey store, a vault on an in-memory key store, and a silent logger. */
export const inMemoryJourneyServices = (): {
  readonly store: EventStore<JourneyEvent>
  readonly vault: Vault
  readonly logger: Logger
} => ({
  store: getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec }),
  vault: createVault({ keyStore: getInMemoryKeyStore() }),
  logger: createParcoursLogger({ level: 'silent' }),
})

/** The same services over a SQLite journey store at `path`. */
export const sqliteJourneyServices = (
  path: string,
): {
  readonly store: EventStore<JourneyEvent>
  readonly vault: Vault
  readonly logger: Logger
} => ({
  ...inMemoryJourneyServices(),
  store: getSqliteEventStore<JourneyEvent>({ path, codec: journeyEventCodec }),
})

/** A journey command of youth-1 at ml-lyon decoded from its JSON fields; throws when invalid. */
export const journeyCommand = (input: Readonly<Record<string, unknown>>): JourneyCommand => {
  const c = decodeCommand({ youthId: 'youth-1', missionLocaleId: 'ml-lyon', ...input })
  if (isLeft(c)) throw new Error(c.left.paths.join('; '))
  return c.right
}
