// The outbound files: the DARES extract, the ASP allowance statement, the notice to France Travail.
export * from './fileSpec.js'
export * from './extractProjection.js'
export * from './daresExtract.js'
export * from './aspStatement.js'
export * from './franceTravailNotice.js'
export { lastDayOfMonth } from './month.js'
