// The EventStoreDB stand-in: a gRPC server speaking the real protocol to the real client, for tests.
export {
  startEsdbStandIn,
  startEsdbStandInCluster,
  type EsdbStandIn,
  type EsdbStandInCluster,
  type EsdbStandInOptions,
  type EsdbStandInSettings,
} from './startEsdbStandIn.js'
export type { CheckpointFault, StandInBehaviour as EsdbStandInBehaviour } from './standInBehaviour.js'
export type { EsdbStandInData, StoredRecord as EsdbStandInRecord } from './standInData.js'
