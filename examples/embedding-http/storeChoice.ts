// Which event store a program opens: SQLite by default (a file in a folder of yours, or in a
// temporary folder), EventStoreDB when a connection string is given. The same choice serves the
// HTTP service and the projection worker.

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { getEventStoreDBEventStore, getSqliteEventStore } from '@parcours/adapters'
import {
  JOURNEY_STREAM_PREFIX,
  journeyEventCodec,
  type EventStore,
  type JourneyEvent,
} from '@parcours/domain'

/** The event store to open: a SQLite file, or an EventStoreDB server (`esdb://…`). */
export type StoreChoice =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'esdb'; readonly connectionString: string }

/** The default store: a SQLite file `parcours.db` in `folder`. */
export const defaultStore = (folder: string): StoreChoice => ({
  kind: 'sqlite',
  path: join(folder, 'parcours.db'),
})

/**
 * Reads the store from `--store VALUE` (`sqlite:PATH`, `esdb://…`, `esdb+discover://…`), else
 * `ESDB_CONNECTION_STRING`; undefined when neither is given (the program's default store then).
 */
export const storeChoiceOf = (
  argv: ReadonlyArray<string>,
  env: NodeJS.ProcessEnv,
): StoreChoice | undefined => {
  const at = argv.indexOf('--store')
  const value = at >= 0 ? argv[at + 1] : env['ESDB_CONNECTION_STRING']
  if (at >= 0 && (value === undefined || value.startsWith('--')))
    throw new Error('--store: expected sqlite:PATH or esdb://HOST:PORT?tls=false')
  if (value === undefined || value === '') return undefined
  if (value.startsWith('esdb://') || value.startsWith('esdb+discover://'))
    return { kind: 'esdb', connectionString: value }
  if (value.startsWith('sqlite:') && value.length > 'sqlite:'.length)
    return { kind: 'sqlite', path: value.slice('sqlite:'.length) }
  throw new Error(`--store ${value}: expected sqlite:PATH or esdb://HOST:PORT?tls=false`)
}

/** The value of `--NAME VALUE` in `argv`, if given. */
export const optionOf = (argv: ReadonlyArray<string>, name: string): string | undefined => {
  const at = argv.indexOf(`--${name}`)
  return at < 0 ? undefined : argv[at + 1]
}

/** A fresh temporary folder for a run that was given none. */
export const temporaryFolder = (): string => mkdtempSync(join(tmpdir(), 'parcours-example-'))

/** Opens the chosen store, with the journey codec (every event read back is decoded and upcast). */
export const openEventStore = (choice: StoreChoice, logger?: Logger): EventStore<JourneyEvent> =>
  choice.kind === 'sqlite'
    ? getSqliteEventStore({ path: choice.path, codec: journeyEventCodec, ...(logger ? { logger } : {}) })
    : getEventStoreDBEventStore({
        connectionString: choice.connectionString,
        codec: journeyEventCodec,
        categories: [JOURNEY_STREAM_PREFIX],
        ...(logger ? { logger } : {}),
      })

/** The store in one line for a log, without the credentials a connection string may carry. */
export const describeStore = (choice: StoreChoice): string =>
  choice.kind === 'sqlite'
    ? `sqlite:${choice.path}`
    : choice.connectionString.replace(/\/\/[^@/]*@/, '//***@')
