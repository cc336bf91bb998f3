import { Worker } from 'node:worker_threads'
import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { ProjectionRunError, RunStats } from './runnerTypes.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Options of a rebuild shared between worker threads. */
export interface RebuildInWorkersOptions {
  /** The SQLite event store file. */
  readonly storePath: string
  /** The SQLite projection sink file (it may be the store's file). */
  readonly sinkPath: string
  /** Worker threads, each rebuilding the journeys of one shard of the mission locales. Default 2. */
  readonly workers?: number
  /** Scope prefix: worker i of n keeps its read models and checkpoint as `<name>-shard-<i>-of-<n>`. */
  readonly name?: string
  /** Events per committed batch once caught up (see the runner's options). */
  readonly batchSize?: number
  /** Events per committed batch while catching up from zero. */
  readonly rebuildBatchSize?: number
}

/** What the worker of one shard reports. */
export interface ShardStats {
  readonly shard: number
  readonly stats: RunStats
}

/** Handed to each worker thread. */
export interface RebuildWorkerData {
  readonly storePath: string
  readonly sinkPath: string
  readonly name: string
  readonly shard: { readonly index: number; readonly count: number }
  readonly batchSize?: number
  readonly rebuildBatchSize?: number
}

/** A worker's last message. */
export type RebuildWorkerResult =
  | { readonly _tag: 'Right'; readonly right: RunStats }
  | { readonly _tag: 'Left'; readonly left: ProjectionRunError }

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

const oneShard = (data: RebuildWorkerData): Promise<Either<ProjectionRunError, RunStats>> =>
  new Promise((resolve) => {
    let settled = false
    const worker = new Worker(new URL('./rebuildWorker.js', import.meta.url), { workerData: data })
    const settle = (r: Either<ProjectionRunError, RunStats>) => {
      if (settled) return
      settled = true
      resolve(r)
    }
    worker.once('message', (r: RebuildWorkerResult) =>
      settle(r._tag === 'Right' ? right(r.right) : left(r.left)),
    )
    const failed = (message: string): ProjectionRunError => ({
      _tag: 'SubscriptionFailed',
      message,
      error: { _tag: 'StoreUnavailable', message },
    })
    worker.once('error', (e) =>
      settle(left(failed(`rebuild worker ${data.shard.index} failed: ${e.message}`))),
    )
    worker.once('exit', (code) =>
      settle(left(failed(`rebuild worker ${data.shard.index} exited (${code}) without a result`))),
    )
  })

/**
 * Rebuilds every read model from zero, from a SQLite event store into a SQLite sink, with the
 * journeys shared by mission locale between worker threads (one shard each), so that several
 * cores fold and write at once. Each worker reads the log on its own connection and keeps its
 * documents under its own scope; readers merge every scope (`loadReadModel`). The sink should
 * hold no other scope of the same projections. Returns each shard's stats, or the first error.
 */
export const rebuildInWorkers =
  (options: RebuildInWorkersOptions): TaskEither<ProjectionRunError, ReadonlyArray<ShardStats>> =>
  async () => {
    const count = Math.max(1, Math.floor(options.workers ?? 2))
    const name = options.name ?? 'rebuild'
    const results = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        oneShard({
          storePath: options.storePath,
          sinkPath: options.sinkPath,
          name: `${name}-shard-${index}-of-${count}`,
          shard: { index, count },
          ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
          ...(options.rebuildBatchSize === undefined ? {} : { rebuildBatchSize: options.rebuildBatchSize }),
        }),
      ),
    )
    const out: Array<ShardStats> = []
    for (const [shard, r] of results.entries()) {
      if (r._tag === 'Left') return r
      out.push({ shard, stats: r.right })
    }
    return right(out)
  }
