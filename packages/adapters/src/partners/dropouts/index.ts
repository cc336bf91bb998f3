// School dropout lists (SIEI, for the dropout platforms): the CSV import and the outreach cases it opens.
export * from './dropoutRow.js'
export * from './outreachCases.js'
export * from './importDropoutList.js'
export * from './runOutreachRetention.js'
export * from './dropoutFlow.js'
