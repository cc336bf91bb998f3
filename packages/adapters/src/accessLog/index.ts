// The access log: every opening of an identity or a comment, append-only and hash-chained (the
// chain's functions are in ../kit).
export * from './inMemoryAccessLog.js'
export * from './sqliteAccessLog.js'
