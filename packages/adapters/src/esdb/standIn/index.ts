// The EventStoreDB stand-in: a gRPC server speaking the real protocol to the real client, for tests.
export { startEsdbStandIn, type EsdbStandIn, type EsdbStandInOptions } from './startEsdbStandIn.js'
export type { EsdbStandInData, StoredRecord as EsdbStandInRecord } from './standInData.js'
