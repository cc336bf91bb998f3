// A long-running projection worker: it follows the event store (catch-up, then live), commits the
// read models and its checkpoint together after each batch, logs its lag (events behind the log's
// head, the checkpoint) every few seconds, and on SIGTERM or SIGINT finishes the batch in hand,
// stores its checkpoint and exits 0. Started again, it resumes from that checkpoint.
//
// Run it: pnpm run build && node examples/dist/projection-worker/worker.js --store sqlite:PATH
//           [--read-models PATH] [--name worker] [--lag-every-ms 5000] [--batch-size 500]
// (--store esdb://HOST:2113?tls=false, or ESDB_CONNECTION_STRING, for EventStoreDB.)

import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import { createParcoursLogger } from '@parcours/adapters'
import { JOURNEY_STREAM_PREFIX, type EventStore, type JourneyEvent } from '@parcours/domain'
import {
  allProjections,
  createProjectionRunner,
  getSqliteProjectionSink,
  type RunProgress,
  type RunStats,
} from '@parcours/projections'
import {
  describeStore,
  openEventStore,
  optionOf,
  storeChoiceOf,
  type StoreChoice,
} from '../embedding-http/storeChoice.js'

/** How to run the worker. */
export interface WorkerOptions {
  readonly store: StoreChoice
  /** The SQLite file of the read models and the checkpoint. */
  readonly readModelsPath: string
  /** The checkpoint's key: one per worker. Default `worker`. */
  readonly name?: string
  /** How often the lag is logged. Default 5000 ms. */
  readonly lagEveryMs?: number
  /** Events per committed batch. Default 500. */
  readonly batchSize?: number
  readonly logger: Logger
}

/** A running worker: `stop()` asks it to finish its batch; `done` resolves with what the run did. */
export interface RunningWorker {
  readonly stop: () => Promise<void>
  readonly done: Promise<RunStats>
}

// Counting further than this, every few seconds, would cost more than the figure is worth.
const COUNT_UP_TO = 1_000

/** How many journey events the store holds after `checkpoint` (up to COUNT_UP_TO), and the log's head. */
const lagOf = async (store: EventStore<JourneyEvent>, checkpoint: bigint | undefined) => {
  const filter = { streamPrefixes: [JOURNEY_STREAM_PREFIX] }
  const [head, after] = await Promise.all([
    store.readAll({ direction: 'backwards', maxCount: 1, filter })(),
    store.readAll({
      ...(checkpoint === undefined ? {} : { fromPosition: checkpoint + 1n }),
      maxCount: COUNT_UP_TO,
      filter,
    })(),
  ])
  if (isLeft(head) || isLeft(after)) return undefined
  return {
    head: head.right[0]?.position,
    behind: after.right.length,
    countedAll: after.right.length < COUNT_UP_TO,
  }
}

/** Starts following the store; it runs until `stop()` (or a failure, which `done` rejects with). */
export const startWorker = (options: WorkerOptions): RunningWorker => {
  const log = options.logger.child({ module: 'projectionWorker' })
  const store = openEventStore(options.store, options.logger)
  const sink = getSqliteProjectionSink({ path: options.readModelsPath })
  let checkpoint: bigint | undefined
  const committed = (msg: string) => (p: RunProgress) => {
    checkpoint = p.checkpoint
    log.info({ events: p.events, checkpoint: String(p.checkpoint ?? 'none'), lag: p.lag }, msg)
  }
  const runner = createProjectionRunner({
    store,
    projections: allProjections,
    sink,
    logger: options.logger,
    name: options.name ?? 'worker',
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    onProgress: committed('batch committed'),
    onCaughtUp: committed('caught up'),
  })
  let measuring: Promise<void> | undefined
  const lagTimer = setInterval(() => {
    measuring ??= lagOf(store, checkpoint).then((lag) => {
      measuring = undefined
      if (lag === undefined) log.warn('lag unknown: the store did not answer')
      else
        log.info(
          {
            checkpoint: String(checkpoint ?? 'none'),
            head: String(lag.head ?? 'none'),
            behind: lag.behind,
            ...(lag.countedAll ? {} : { behindAtLeast: true }),
          },
          'lag',
        )
    })
  }, options.lagEveryMs ?? 5_000)
  log.info({ store: describeStore(options.store), readModels: options.readModelsPath }, 'following the store')
  const done = (async () => {
    try {
      const run = await runner.follow()()
      if (isLeft(run)) throw new Error(`projection run failed: ${run.left._tag}: ${run.left.message}`)
      log.info(
        {
          events: run.right.events,
          batches: run.right.batches,
          checkpoint: String(run.right.checkpoint ?? 'none'),
        },
        'stopped',
      )
      return run.right
    } finally {
      clearInterval(lagTimer)
      await measuring
      await sink.close()
      await store.close()
    }
  })()
  return { stop: () => runner.stop(), done }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2)
  const logger = createParcoursLogger({ level: 'info' })
  const fail = (message: string, code: number) => {
    logger.error(message)
    process.exitCode = code
  }
  try {
    const store = storeChoiceOf(argv, process.env)
    if (store === undefined) throw new Error('--store: required, sqlite:PATH or esdb://HOST:PORT?tls=false')
    const lagEveryMs = Number(optionOf(argv, 'lag-every-ms') ?? '5000')
    if (!Number.isSafeInteger(lagEveryMs) || lagEveryMs < 10) throw new Error('--lag-every-ms: at least 10')
    const batchSize = Number(optionOf(argv, 'batch-size') ?? '500')
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new Error('--batch-size: at least 1')
    const name = optionOf(argv, 'name')
    const worker = startWorker({
      store,
      readModelsPath:
        optionOf(argv, 'read-models') ??
        (store.kind === 'sqlite'
          ? join(dirname(store.path), 'worker-read-models.db')
          : 'worker-read-models.db'),
      lagEveryMs,
      batchSize,
      logger,
      ...(name === undefined ? {} : { name }),
    })
    const stop = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'finishing the current batch, then stopping')
      void worker.stop()
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
    worker.done.then(
      () => (process.exitCode = 0),
      (e: unknown) => fail((e as Error).message, 1),
    )
  } catch (e) {
    fail((e as Error).message, 2)
  }
}
