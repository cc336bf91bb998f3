// The in-memory event store.
export * from './inMemoryEventStore.js'
