// @parcours/adapters/testing: the store conformance suite and the EventStoreDB stand-in.
export * from './conformance/index.js'
export * from '../esdb/standIn/index.js'
