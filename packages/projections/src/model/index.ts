// The building blocks of projections: keyed document maps, the Projection type, date utils.
export * from './docMap.js'
export * from './projection.js'
export * from './dates.js'
