// Projection sinks: the port, in memory and SQLite.
export * from './projectionSink.js'
export * from './inMemoryProjectionSink.js'
export * from './sqliteProjectionSink.js'
