// The CEJ as a contract of engagement: the hours table, weeks, the allowance and its statement.
export * from './weeks.js'
export * from './hoursPolicy.js'
export * from './allowanceTable.js'
export * from './allowance.js'
export * from './cejLedger.js'
export * from './cejWeeks.js'
export * from './allowanceStatement.js'
