import { status, type Metadata } from '@grpc/grpc-js'
import { gossipPb, sharedPb } from '../protocol.js'
import { statusError } from './wire.js'

// ---------------------------------------------------------------------------------------------
// model: the members of a stand-in cluster (one member for a single stand-in), which of them
// leads, and what gossip says about them. Every member serves the same log.
// ---------------------------------------------------------------------------------------------

/** A member as gossip describes it. */
export interface StandInMember {
  readonly instanceId: string
  port: number
}

/** The members and their leader; `leader` changes on an election. */
export interface StandInCluster {
  readonly members: ReadonlyArray<StandInMember>
  leader: number
  /** How many calls followers have refused with `not-leader`. */
  notLeaderAnswers: number
}

export const HOST = '127.0.0.1'

const INSTANCE_IDS = [
  '5d3f0a2c-8b1e-4f6a-9c7d-3e2b1a0f9e55',
  '6e4a1b3d-9c2f-4a7b-8d8e-4f3c2b1a0a66',
  '7f5b2c4e-ad3a-4b8c-9e9f-5a4d3c2b1b77',
  '8a6c3d5f-be4b-4c9d-8faa-6b5e4d3c2c88',
  '9b7d4e6a-cf5c-4dae-9abb-7c6f5e4d3d99',
]

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/** A cluster of `size` members (ports filled in as they bind), member 0 leading. */
export const createStandInCluster = (size: number): StandInCluster => ({
  members: Array.from({ length: size }, (_, i) => ({
    instanceId: INSTANCE_IDS[i] ?? crypto.randomUUID(),
    port: 0,
  })),
  leader: 0,
  notLeaderAnswers: 0,
})

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/** Gossip's answer: every member alive, one leader, the others followers. */
export const clusterInfo = (cluster: StandInCluster) =>
  new gossipPb.ClusterInfo().setMembersList(
    cluster.members.map((m, i) =>
      new gossipPb.MemberInfo()
        .setInstanceId(new sharedPb.UUID().setString(m.instanceId))
        .setTimeStamp((BigInt(Date.now()) * 10_000n).toString())
        .setState(
          i === cluster.leader
            ? gossipPb.MemberInfo.VNodeState.LEADER
            : gossipPb.MemberInfo.VNodeState.FOLLOWER,
        )
        .setIsAlive(true)
        .setHttpEndPoint(new gossipPb.EndPoint().setAddress(HOST).setPort(m.port)),
    ),
  )

/**
 * Why member `self` refuses a call that needs the leader (every write, and reads sent with
 * `requires-leader`): `not-leader` with the leader's endpoint, as a follower answers. Undefined
 * when it may serve it.
 */
export const notLeader = (
  cluster: StandInCluster,
  self: number,
  needsLeader: boolean,
  metadata?: Metadata,
): ReturnType<typeof statusError> | undefined => {
  if (cluster.leader === self) return undefined
  if (!needsLeader && metadata?.get('requires-leader')[0] !== 'true') return undefined
  const leader = cluster.members[cluster.leader]
  cluster.notLeaderAnswers += 1
  return statusError(status.NOT_FOUND, 'Leader info available', {
    exception: 'not-leader',
    'leader-endpoint-host': HOST,
    'leader-endpoint-port': String(leader?.port ?? 0),
  })
}
