// @parcours/projections: read models, worklists and the projection runner.
export * from './model/index.js'
export * from './dashboard/index.js'
export * from './worklist/index.js'
export * from './timeline/index.js'
export * from './sink/index.js'
export * from './runner/index.js'
export * from './projections.js'
export * from './cej/index.js'
