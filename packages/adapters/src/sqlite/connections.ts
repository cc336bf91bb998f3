import type Database from 'better-sqlite3'

// ---------------------------------------------------------------------------------------------
// The connection of each SQLite event store, for what keeps its own table in the store's file in
// the same process (the state snapshots): on one connection, a write of theirs does not make the
// store's connection drop its page cache, as a second connection's write to the file does.
// Internal: not exported from the package.
// ---------------------------------------------------------------------------------------------

/**
 * The store's connection while it is open; undefined once it is closed or could not be opened.
 *
 * @internal left out of the published declarations, as the better-sqlite3 types it names.
 */
export type StoreConnection = () => Database.Database | undefined

const connections = new WeakMap<object, StoreConnection>()

/**
 * Called by the store it names, once.
 *
 * @internal
 */
export const registerStoreConnection = (store: object, connection: StoreConnection): void => {
  connections.set(store, connection)
}

/**
 * The connection of a store made by `getSqliteEventStore`, or undefined for any other object.
 *
 * @internal
 */
export const storeConnectionOf = (store: object): StoreConnection | undefined => connections.get(store)
