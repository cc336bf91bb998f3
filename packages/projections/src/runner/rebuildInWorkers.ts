import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { JOURNEY_STREAM_PREFIX } from '@parcours/domain'
import type { ProjectionRunError, RunStats } from './runnerTypes.js'
import type { StreamRange } from './streamOrderedRebuild.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Options of a rebuild shared between worker threads. */
export interface RebuildInWorkersOptions {
  /** The SQLite event store file. */
  readonly storePath: string
  /** The SQLite projection sink file (it may be the store's file). */
  readonly sinkPath: string
  /** Worker threads, each rebuilding one share of the journeys. Default 2. */
  readonly workers?: number
  /**
   * How the journeys are shared: `'streams'` (the default) gives each worker a range of stream
   * names holding about as many events as the others', which it alone reads (stream by stream,
   * see the runner's `rebuildOrder`); `'missionLocales'` gives each the journeys registered in one
   * shard of the mission locales (`partition.shard`), and every worker reads the whole log.
   */
  readonly split?: 'streams' | 'missionLocales'
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
  /** The worker's range of streams; without it, its shard of the mission locales. */
  readonly streams?: StreamRange
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

// Stream names sampled at evenly spaced global positions to cut the log into ranges.
const SAMPLES = 256

/**
 * Cuts the journeys into `count` ranges of stream names with about as many events each: the
 * stream names found at evenly spaced positions of the log (a point lookup each), sorted, give
 * the boundaries. Ranges are contiguous and cover every name, so no stream falls between two.
 */
export const streamRanges = (storePath: string, count: number): ReadonlyArray<StreamRange> => {
  if (count <= 1) return [{}]
  const db = new Database(storePath, { readonly: true, fileMustExist: true })
  try {
    const last = (db.prepare('SELECT max(position) FROM events').pluck().get() as number | null) ?? 0
    const at = db
      .prepare<[number, string, string], string>(
        'SELECT stream_name FROM events WHERE position >= ? AND substr(stream_name, 1, length(?)) = ? ORDER BY position LIMIT 1',
      )
      .pluck()
    const names: Array<string> = []
    for (let i = 0; i < SAMPLES && last > 0; i++) {
      const name = at.get(Math.floor(1 + (i * last) / SAMPLES), JOURNEY_STREAM_PREFIX, JOURNEY_STREAM_PREFIX)
      if (name !== undefined) names.push(name)
    }
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const cuts = Array.from(
      { length: count - 1 },
      (_, i) => names[Math.floor(((i + 1) * names.length) / count)],
    )
    return Array.from({ length: count }, (_, i) => {
      const from = i === 0 ? undefined : cuts[i - 1]
      const before = i === count - 1 ? undefined : cuts[i]
      return { ...(from === undefined ? {} : { from }), ...(before === undefined ? {} : { before }) }
    })
  } finally {
    db.close()
  }
}

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
 * journeys shared between worker threads (by ranges of streams, or by mission locale: `split`),
 * so that several cores read, fold and write at once. Each worker reads on its own connection and keeps its
 * documents under its own scope; readers merge every scope (`loadReadModel`). The sink should
 * hold no other scope of the same projections. Returns each shard's stats, or the first error.
 */
export const rebuildInWorkers =
  (options: RebuildInWorkersOptions): TaskEither<ProjectionRunError, ReadonlyArray<ShardStats>> =>
  async () => {
    const count = Math.max(1, Math.floor(options.workers ?? 2))
    const name = options.name ?? 'rebuild'
    let ranges: ReadonlyArray<StreamRange> | undefined
    try {
      ranges = options.split === 'missionLocales' ? undefined : streamRanges(options.storePath, count)
    } catch (e) {
      const message = `cannot read the event store ${options.storePath}: ${e instanceof Error ? e.message : String(e)}`
      return left({ _tag: 'SubscriptionFailed', message, error: { _tag: 'StoreUnavailable', message } })
    }
    const results = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        oneShard({
          storePath: options.storePath,
          sinkPath: options.sinkPath,
          name: `${name}-shard-${index}-of-${count}`,
          shard: { index, count },
          ...(ranges === undefined ? {} : { streams: ranges[index] ?? {} }),
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
