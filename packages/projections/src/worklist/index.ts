// Counsellors' worklists (alerts): projection and query.
export * from './worklistProjection.js'
export * from './queryWorklist.js'
export * from './outreachEntries.js'
