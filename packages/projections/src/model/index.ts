// The building blocks of projections: keyed document maps and the Projection type. The month
// helpers of dates.ts stay inside the package: date arithmetic is the domain's.
export * from './docMap.js'
export * from './projection.js'
