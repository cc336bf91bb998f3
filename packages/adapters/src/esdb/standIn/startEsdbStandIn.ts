import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js'
import { gossipGrpc, serverFeaturesGrpc, serverFeaturesPb, streamsGrpc } from '../protocol.js'
import { appendHandler } from './appendHandler.js'
import { batchAppendHandler } from './batchAppendHandler.js'
import { deleteHandler, tombstoneHandler } from './deleteHandlers.js'
import { readHandler } from './readHandler.js'
import { DEFAULT_MAX_APPEND_SIZE, type CheckpointFault, type StandInBehaviour } from './standInBehaviour.js'
import { clusterInfo, createStandInCluster, HOST, type StandInCluster } from './standInCluster.js'
import { createStandInData, type EsdbStandInData } from './standInData.js'
import { openStandInLog, type StandInLog } from './standInLog.js'
import type { StandInNode } from './standInNode.js'
import { statusError } from './wire.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** How a stand-in behaves (each can also be changed on a running one, through `behaviour`). */
export interface EsdbStandInSettings {
  /** Whether ServerFeatures offers BatchAppend, as a 24.10 server does. Default true. */
  readonly batchAppend?: boolean
  /** The largest append accepted, in bytes. Default 1 MiB, the server's default. */
  readonly maxAppendSize?: number
  /** A known server bug to reproduce in the checkpoints of filtered subscriptions. Default none. */
  readonly checkpointFault?: CheckpointFault
}

/** Where and how to start a stand-in. */
export interface EsdbStandInOptions extends EsdbStandInSettings {
  /** The port on 127.0.0.1; a free one when absent or 0. */
  readonly port?: number
  /** The data of a stopped stand-in, to restart with the same log. */
  readonly data?: EsdbStandInData
}

/** A running stand-in: test support speaking EventStoreDB's gRPC protocol, not a database. */
export interface EsdbStandIn {
  readonly port: number
  /** `esdb://127.0.0.1:PORT?tls=false` */
  readonly connectionString: string
  /** The stored log; pass it to `startEsdbStandIn({ port, data })` to restart with the same data. */
  readonly data: EsdbStandInData
  /**
   * What it does, changeable while it runs (a client asks for the server's features once per
   * connection, so switch `batchAppend` before connecting).
   */
  readonly behaviour: StandInBehaviour
  /** Every byte it holds for events (stream names, types, data, metadata), to scan what it stores. */
  readonly storedBytes: () => Buffer
  /** Stops listening and drops every connection, as a crashed server would. */
  readonly stop: () => Promise<void>
}

/** Several stand-in nodes serving one log, as a cluster: one leader, followers refusing writes. */
export interface EsdbStandInCluster {
  readonly ports: ReadonlyArray<number>
  /** `esdb://127.0.0.1:P1,127.0.0.1:P2,…?tls=false`: the client gossips to find the leader. */
  readonly connectionString: string
  readonly data: EsdbStandInData
  readonly behaviour: StandInBehaviour
  /** The index of the leading node. */
  readonly leader: () => number
  /**
   * Makes node `n` the leader. The former leader's subscriptions and BatchAppend calls end with
   * UNAVAILABLE, as when a node leaves the leader role; its later writes get `not-leader`.
   */
  readonly electLeader: (n: number) => void
  /** How many calls followers have refused with `not-leader` so far. */
  readonly notLeaderAnswers: () => number
  /** Stops the server and drops every connection. */
  readonly stop: () => Promise<void>
}

const SERVER_VERSION = '24.10.0-standin'

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

const bind = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) =>
    server.bindAsync(`${HOST}:${port}`, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  )

/** Binds, retrying a little while a just-stopped stand-in still holds the port. */
const bindWithRetry = async (server: Server, port: number): Promise<number> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await bind(server, port)
    } catch (error) {
      if (port === 0 || attempt >= 40) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

/** The methods a client may ask for: BatchAppend only when the behaviour offers it. */
const supportedMethods = (behaviour: StandInBehaviour) => {
  const method = (serviceName: string, methodName: string) =>
    new serverFeaturesPb.SupportedMethod().setServiceName(serviceName).setMethodName(methodName)
  const streams = 'event_store.client.streams.streams'
  return new serverFeaturesPb.SupportedMethods()
    .setEventStoreServerVersion(SERVER_VERSION)
    .setMethodsList([
      method(streams, 'read'),
      method(streams, 'append'),
      method(streams, 'delete'),
      method(streams, 'tombstone'),
      ...(behaviour.batchAppend ? [method(streams, 'batchappend')] : []),
    ])
}

const behaviourOf = (settings: EsdbStandInSettings): StandInBehaviour => ({
  batchAppend: settings.batchAppend ?? true,
  maxAppendSize: settings.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE,
  checkpointFault: settings.checkpointFault,
})

/** One node's gRPC server over the shared log; it listens once bound. */
const startNode = async (
  log: StandInLog,
  behaviour: StandInBehaviour,
  cluster: StandInCluster,
  self: number,
  port: number,
): Promise<{ readonly node: StandInNode; readonly server: Server }> => {
  const node: StandInNode = { log, behaviour, cluster, self, openCalls: new Set() }
  const server = new Server()
  server.addService(streamsGrpc.StreamsService, {
    read: readHandler(node),
    append: appendHandler(node),
    batchAppend: batchAppendHandler(node),
    delete: deleteHandler(node),
    tombstone: tombstoneHandler(node),
  })
  server.addService(serverFeaturesGrpc.ServerFeaturesService, {
    getSupportedMethods: (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) =>
      callback(null, supportedMethods(behaviour)),
  })
  server.addService(gossipGrpc.GossipService, {
    read: (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) =>
      callback(null, clusterInfo(cluster)),
  })
  const member = cluster.members[self]
  if (member !== undefined) member.port = await bindWithRetry(server, port)
  return { node, server }
}

const storedBytesOf = (data: EsdbStandInData) => (): Buffer =>
  Buffer.concat(
    data.records.flatMap((r) => [
      Buffer.from(r.streamName, 'utf8'),
      Buffer.from(r.type, 'utf8'),
      Buffer.from(r.data),
      Buffer.from(r.customMetadata),
    ]),
  )

/** Starts a stand-in on 127.0.0.1 (a free port unless one is given), optionally with saved data. */
export const startEsdbStandIn = async (options: EsdbStandInOptions = {}): Promise<EsdbStandIn> => {
  const data = options.data ?? createStandInData()
  const log = openStandInLog(data)
  const behaviour = behaviourOf(options)
  // Alone, it is its own cluster's leader, so gossip and `esdb+discover://` work.
  const cluster = createStandInCluster(1)
  const { server } = await startNode(log, behaviour, cluster, 0, options.port ?? 0)
  const port = cluster.members[0]?.port ?? 0
  let stopped = false
  return {
    port,
    connectionString: `esdb://${HOST}:${port}?tls=false`,
    data,
    behaviour,
    storedBytes: storedBytesOf(data),
    stop: async () => {
      if (stopped) return
      stopped = true
      log.close()
      server.forceShutdown()
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}

/** Starts `nodes` stand-in nodes (default 3) on free ports, sharing one log, node 0 leading. */
export const startEsdbStandInCluster = async (
  options: EsdbStandInSettings & { readonly nodes?: number; readonly data?: EsdbStandInData } = {},
): Promise<EsdbStandInCluster> => {
  const size = Math.max(1, options.nodes ?? 3)
  const data = options.data ?? createStandInData()
  const log = openStandInLog(data)
  const behaviour = behaviourOf(options)
  const cluster = createStandInCluster(size)
  const started = await Promise.all(
    Array.from({ length: size }, (_, i) => startNode(log, behaviour, cluster, i, 0)),
  )
  const ports = cluster.members.map((m) => m.port)
  let stopped = false
  return {
    ports,
    connectionString: `esdb://${ports.map((p) => `${HOST}:${p}`).join(',')}?tls=false`,
    data,
    behaviour,
    leader: () => cluster.leader,
    notLeaderAnswers: () => cluster.notLeaderAnswers,
    electLeader: (n) => {
      if (!Number.isInteger(n) || n < 0 || n >= size)
        throw new RangeError(`electLeader: no node ${n} in a cluster of ${size}`)
      if (n === cluster.leader) return
      const former = started[cluster.leader]?.node
      cluster.leader = n
      for (const call of [...(former?.openCalls ?? [])]) {
        former?.openCalls.delete(call)
        call.emit('error', statusError(status.UNAVAILABLE, 'Leader changed', {}))
      }
    },
    stop: async () => {
      if (stopped) return
      stopped = true
      log.close()
      for (const { server } of started) server.forceShutdown()
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}
