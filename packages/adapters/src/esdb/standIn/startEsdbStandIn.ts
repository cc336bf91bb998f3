import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js'
import {
  gossipGrpc,
  gossipPb,
  serverFeaturesGrpc,
  serverFeaturesPb,
  sharedPb,
  streamsGrpc,
} from '../protocol.js'
import { appendHandler } from './appendHandler.js'
import { deleteHandler, tombstoneHandler } from './deleteHandlers.js'
import { readHandler } from './readHandler.js'
import { createStandInData, type EsdbStandInData } from './standInData.js'
import { openStandInLog } from './standInLog.js'
import { statusError } from './wire.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Where and how to start a stand-in. */
export interface EsdbStandInOptions {
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
  /** Every byte it holds for events (stream names, types, data, metadata), to scan what it stores. */
  readonly storedBytes: () => Buffer
  /** Stops listening and drops every connection, as a crashed server would. */
  readonly stop: () => Promise<void>
}

const HOST = '127.0.0.1'
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

/** The methods a client may ask for; BatchAppend is left out, so the client uses plain Append. */
const supportedMethods = () => {
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
    ])
}

/** Gossip answers with one live leader: itself, so `esdb+discover://` connection strings work. */
const clusterInfo = (port: number) => {
  const member = new gossipPb.MemberInfo()
    .setInstanceId(new sharedPb.UUID().setString('5d3f0a2c-8b1e-4f6a-9c7d-3e2b1a0f9e55'))
    .setTimeStamp((BigInt(Date.now()) * 10_000n).toString())
    .setState(gossipPb.MemberInfo.VNodeState.LEADER)
    .setIsAlive(true)
    .setHttpEndPoint(new gossipPb.EndPoint().setAddress(HOST).setPort(port))
  return new gossipPb.ClusterInfo().setMembersList([member])
}

/** Starts a stand-in on 127.0.0.1 (a free port unless one is given), optionally with saved data. */
export const startEsdbStandIn = async (options: EsdbStandInOptions = {}): Promise<EsdbStandIn> => {
  const data = options.data ?? createStandInData()
  const log = openStandInLog(data)
  const server = new Server()
  server.addService(streamsGrpc.StreamsService, {
    read: readHandler(log),
    append: appendHandler(log),
    delete: deleteHandler(log),
    tombstone: tombstoneHandler(log),
    batchAppend: (call: { emit: (event: 'error', error: unknown) => void }) =>
      call.emit(
        'error',
        statusError(status.UNIMPLEMENTED, 'BatchAppend is not implemented by the stand-in', {}),
      ),
  })
  server.addService(serverFeaturesGrpc.ServerFeaturesService, {
    getSupportedMethods: (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) =>
      callback(null, supportedMethods()),
  })
  let port = 0
  server.addService(gossipGrpc.GossipService, {
    read: (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) =>
      callback(null, clusterInfo(port)),
  })
  port = await bindWithRetry(server, options.port ?? 0)
  let stopped = false
  return {
    port,
    connectionString: `esdb://${HOST}:${port}?tls=false`,
    data,
    storedBytes: () =>
      Buffer.concat(
        data.records.flatMap((r) => [
          Buffer.from(r.streamName, 'utf8'),
          Buffer.from(r.type, 'utf8'),
          Buffer.from(r.data),
          Buffer.from(r.customMetadata),
        ]),
      ),
    stop: async () => {
      if (stopped) return
      stopped = true
      log.close()
      server.forceShutdown()
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}
