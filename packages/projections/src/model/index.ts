// The building blocks of projections: keyed document maps, the Projection type, date utils,
// and how every event stands to the young person.
export * from './docMap.js'
export * from './projection.js'
export * from './dates.js'
export * from './eventClassification.js'
