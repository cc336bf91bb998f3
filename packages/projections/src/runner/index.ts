// The projection runner: subscription → projections → sink, in batches; and reading what it wrote.
export * from './createProjectionRunner.js'
export { loadDocument, loadReadModel, type AnyKeyedProjection, type ReadModels } from './readModels.js'
export * from './runnerTypes.js'
export type { StreamRange } from './streamOrderedRebuild.js'
export { rebuildInWorkers, type RebuildInWorkersOptions, type ShardStats } from './rebuildInWorkers.js'
