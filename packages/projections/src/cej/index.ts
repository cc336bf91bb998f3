// The CEJ's read side: ledgers per young person, the weeks under 15 hours, the allowance statement.
export * from './cejProjection.js'
export * from './queryCej.js'
