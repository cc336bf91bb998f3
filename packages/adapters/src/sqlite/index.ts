// The SQLite event store (better-sqlite3, one file, WAL).
export * from './schema.js'
export * from './sqliteEventStore.js'
export * from './rewriteStoredEvents.js'
