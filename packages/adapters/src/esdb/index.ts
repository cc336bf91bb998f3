// The EventStoreDB store (the adapter; its stand-in for tests is exported from ../testing).
export { getEventStoreDBEventStore, type EventStoreDBEventStoreOptions } from './getEventStoreDBEventStore.js'
export type { ResubscribePolicy } from './esdbSubscription.js'
