// The SQLite event store (better-sqlite3, one file, WAL). Its schema and migrations stay inside.
export * from './sqliteEventStore.js'
export * from './rewriteStoredEvents.js'
export {
  getSqliteStateSnapshots,
  type SqliteStateSnapshots,
  type SqliteStateSnapshotsOptions,
} from './sqliteStateSnapshots.js'
