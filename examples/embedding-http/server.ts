// A small HTTP service embedding Parcours: POST /commands, GET /journeys/:youthId, GET /dashboard.
// On SQLite by default, on EventStoreDB when given a connection string. See README.md beside it.
//
// Run it: pnpm run build && node examples/dist/embedding-http/server.js [--port 3000]
//           [--store sqlite:PATH | --store esdb://HOST:2113?tls=false] [--data FOLDER]
// (ESDB_CONNECTION_STRING works as --store; without --data, files go to a temporary folder
// removed on exit.)

import { mkdirSync, rmSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { serve } from '@hono/node-server'
import type { Logger } from 'pino'
import { createParcoursLogger } from '@parcours/adapters'
import type { AccessPolicy } from '@parcours/domain'
import { createApp } from './app.js'
import { openParcours } from './openParcours.js'
import {
  defaultStore,
  describeStore,
  optionOf,
  storeChoiceOf,
  temporaryFolder,
  type StoreChoice,
} from './storeChoice.js'

/** How to start the service. */
export interface StartOptions {
  /** 0 for a free port. */
  readonly port: number
  /** Default 127.0.0.1. */
  readonly host?: string
  /** The event store; default a SQLite file in `dataFolder`. */
  readonly store?: StoreChoice
  /** Where keys, access log and read models live (and the default SQLite store); default a temporary folder, removed by `close()`. */
  readonly dataFolder?: string
  readonly logger?: Logger
  readonly policy?: AccessPolicy
}

/** A running service. */
export interface RunningService {
  /** `http://127.0.0.1:PORT` */
  readonly url: string
  readonly store: StoreChoice
  /** Stops listening, then closes the stores (and removes a temporary data folder). */
  readonly close: () => Promise<void>
}

/** Starts the service; resolves once it listens. */
export const start = async (options: StartOptions): Promise<RunningService> => {
  const dataFolder = options.dataFolder ?? temporaryFolder()
  mkdirSync(dataFolder, { recursive: true })
  const store = options.store ?? defaultStore(dataFolder)
  const logger = options.logger ?? createParcoursLogger({ level: 'info' })
  const parcours = openParcours({
    store,
    dataFolder,
    logger,
    ...(options.policy ? { policy: options.policy } : {}),
  })
  const app = createApp(parcours)
  const host = options.host ?? '127.0.0.1'
  try {
    return await new Promise<RunningService>((resolve, reject) => {
      const server = serve({ fetch: app.fetch, hostname: host, port: options.port }, (info) => {
        const url = `http://${host}:${info.port}`
        logger.info({ url, store: describeStore(store) }, 'listening')
        resolve({
          url,
          store,
          close: async () => {
            await new Promise<void>((done, fail) => {
              server.close((e) => (e === undefined ? done() : fail(e)))
              if ('closeAllConnections' in server) server.closeAllConnections()
            })
            await parcours.close()
            if (options.dataFolder === undefined) rmSync(dataFolder, { recursive: true, force: true })
          },
        })
      })
      server.once('error', reject)
    })
  } catch (e) {
    await parcours.close()
    if (options.dataFolder === undefined) rmSync(dataFolder, { recursive: true, force: true })
    throw e
  }
}

/** The program: reads its options, starts the service, stops it on SIGINT or SIGTERM. */
const main = async (argv: ReadonlyArray<string>): Promise<void> => {
  const dataFolder = optionOf(argv, 'data')
  const store = storeChoiceOf(argv, process.env)
  const port = Number(optionOf(argv, 'port') ?? '3000')
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('--port: a port number, 0 to 65535')
  const service = await start({
    port,
    ...(store === undefined ? {} : { store }),
    ...(dataFolder === undefined ? {} : { dataFolder }),
  })
  const stop = () => {
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    // One line for a person: a wrong option, a port in use, a store that cannot be opened.
    console.error(`embedding-http: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  })
}
