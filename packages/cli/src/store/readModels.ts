import { isLeft } from 'fp-ts/lib/Either.js'
import {
  allProjections,
  createProjectionRunner,
  getInMemoryProjectionSink,
  getSqliteProjectionSink,
  loadDocument,
  loadReadModel,
  type DocMap,
  type DocumentsOptions,
  type KeyedProjection,
  type ProjectionRunError,
  type ProjectionSink,
  type RunStats,
} from '@parcours/projections'
import { infrastructureError, type CliError } from '../cli/errors.js'
import type { Progress } from '../output/progress.js'
import { describeStoreError } from './errors.js'
import type { StoreEnv } from './openStore.js'
import { projectionPathFor } from './storeSpec.js'

// ---------------------------------------------------------------------------------------------
// read models of a run: the sink beside the store, catch-up and rebuild with progress
// ---------------------------------------------------------------------------------------------

/** The projection sink beside a store: a SQLite file PATH.projections, else in memory (rebuilt from the log). */
export const openSink = (env: StoreEnv, cwd: string): ProjectionSink => {
  const path = env.spec.kind === 'sqlite' ? projectionPathFor(env.spec, cwd) : undefined
  return path === undefined ? getInMemoryProjectionSink() : getSqliteProjectionSink({ path })
}

/** A projection run error as a CLI error (exit 3), naming the stream and revision of a bad event. */
export const projectionFailure = (e: ProjectionRunError): CliError => {
  switch (e._tag) {
    case 'ProjectionDecodeFailed':
      return infrastructureError(describeStoreError(e.error))
    case 'SubscriptionFailed':
      return infrastructureError(describeStoreError(e.error))
    case 'ProjectionFailed':
      return infrastructureError(
        `projection ${e.projection} failed on stream ${e.streamName} at revision ${e.revision}: ${e.message}`,
      )
    case 'SinkFailed':
      return infrastructureError(`read models unavailable: ${e.message}`)
    case 'RunnerBusy':
    case 'StoreReplaced':
      return infrastructureError(e.message)
  }
}

/** How to run the projections once. */
export interface RunProjectionsOptions {
  readonly mode: 'catch-up' | 'rebuild'
  readonly progress?: Progress
}

/** Brings every read model up to date (or rebuilds them from zero); throws the CLI error of a failure. */
export const runProjections = async (
  env: StoreEnv,
  sink: ProjectionSink,
  options: RunProjectionsOptions,
): Promise<RunStats> => {
  const { progress } = options
  const runner = createProjectionRunner({
    store: env.store,
    projections: allProjections,
    sink,
    // One undecodable event must not stop every query: it is parked, and reports name its journey.
    onDecodeFailure: 'park',
    // Queries read the sink: the runner pages its read models out, so memory stays flat as the network grows.
    holdReadModels: false,
    logger: env.logger,
    onProgress: (p) => {
      if (p.headPosition !== undefined && p.checkpoint !== undefined)
        progress?.update(Number(p.checkpoint), Number(p.headPosition))
    },
  })
  const result = await (options.mode === 'rebuild' ? runner.rebuild() : runner.catchUp())()
  progress?.stop()
  if (isLeft(result)) throw projectionFailure(result.left)
  return result.right
}

/** A projection's read model from the sink. */
export const readModelOf = async <D extends object>(
  sink: ProjectionSink,
  projection: KeyedProjection<D>,
  options?: DocumentsOptions,
): Promise<DocMap<D>> => {
  const rm = await loadReadModel(sink, projection, options)()
  if (isLeft(rm)) throw infrastructureError(`read models unavailable: ${rm.left.message}`)
  return rm.right
}

/** One document of a projection's read model from the sink (that key only), or undefined. */
export const documentOf = async <D extends object>(
  sink: ProjectionSink,
  projection: KeyedProjection<D>,
  key: string,
): Promise<D | undefined> => {
  const doc = await loadDocument(sink, projection, key)()
  if (isLeft(doc)) throw infrastructureError(`read models unavailable: ${doc.left.message}`)
  return doc.right
}
