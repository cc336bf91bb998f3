// The EventStore conformance suite, its test events and their codec.
export * from './describeEventStoreConformance.js'
export * from './testEvents.js'
