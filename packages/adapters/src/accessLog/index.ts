// The access log: every opening of an identity or a comment, append-only and hash-chained.
export * from './hashChain.js'
export * from './inMemoryAccessLog.js'
export * from './sqliteAccessLog.js'
