// The building blocks of projections: keyed document maps, the Projection type, and how every
// event stands to the young person. The month helpers of dates.ts stay inside the package: date
// arithmetic is the domain's.
export * from './docMap.js'
export * from './projection.js'
export * from './eventClassification.js'
export * from './draft.js'
