// The projection runner: subscription → projections → sink, in batches; and reading what it wrote.
export * from './createProjectionRunner.js'
export { loadReadModel, mergeScopes, type AnyKeyedProjection, type ReadModels } from './readModels.js'
export * from './runnerTypes.js'
export * from './rebuildInWorkers.js'
