import type { StandInBehaviour } from './standInBehaviour.js'
import type { StandInCluster } from './standInCluster.js'
import type { StandInLog } from './standInLog.js'

// ---------------------------------------------------------------------------------------------
// model: what the handlers of one stand-in node share.
// ---------------------------------------------------------------------------------------------

/** A long-running call (a subscription, a BatchAppend stream) a node can end. */
export interface OpenCall {
  readonly emit: (event: 'error', error: unknown) => boolean
}

/** One node: the shared log, behaviour and cluster, its own index and its open calls. */
export interface StandInNode {
  readonly log: StandInLog
  readonly behaviour: StandInBehaviour
  readonly cluster: StandInCluster
  readonly self: number
  readonly openCalls: Set<OpenCall>
}
