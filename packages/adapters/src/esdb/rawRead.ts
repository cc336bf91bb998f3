import type { EventStoreDBClient } from '@eventstore/db-client'
import type { ClientReadableStream, Metadata, CallOptions } from '@grpc/grpc-js'
import { streamsGrpc, type StreamsGrpc, type StreamsPb } from './protocol.js'

// ---------------------------------------------------------------------------------------------
// Opening Read calls through the client's own channel (same connection, discovery, node
// preference and reconnection) while reading the raw replies in order. The client's public
// readers cannot do it: `readAll` sends no filter, and subscriptions report checkpoints and
// caught-up as side events, out of order with the events still buffered.
//
// This is the one module that uses members the client declares protected. They are those of the
// client version the adapter is pinned to (package.json: exactly that version); `clientShapeError`
// checks them when a store is created, and rawRead.test.ts fails if an upgrade changes them.
// ---------------------------------------------------------------------------------------------

/** The @eventstore/db-client version whose internals this module was written against. */
export const PINNED_CLIENT_VERSION = '6.2.1'

/** The client's members (protected in its typings, public at runtime) this module relies on. */
interface ClientInternals {
  readonly GRPCStreamCreator: <T>(
    client: typeof StreamsGrpc.StreamsClient,
    debugName: string,
    creator: (grpc: StreamsGrpc.StreamsClient) => T,
  ) => () => Promise<T>
  readonly callArguments: (
    options: Record<string, never>,
    callOptions: CallOptions,
  ) => [Metadata, CallOptions]
}

const INTERNALS = ['GRPCStreamCreator', 'callArguments'] as const

/**
 * Why this client cannot be used (a member this module relies on is missing), or undefined.
 * A store built on such a client answers every call with this message instead of failing later.
 */
export const clientShapeError = (client: EventStoreDBClient): string | undefined => {
  const members = client as unknown as Record<string, unknown>
  const missing = INTERNALS.filter((name) => typeof members[name] !== 'function')
  return missing.length === 0
    ? undefined
    : `EventStoreDB: this @eventstore/db-client lacks ${missing.join(', ')}; the adapter needs version ${PINNED_CLIENT_VERSION}`
}

/** A Read call of the Streams service: iterate it for the replies, cancel it to stop. */
export type ReadCall = ClientReadableStream<StreamsPb.ReadResp>

/** Opens a Read call with this request on the client's channel. */
export const openRead = (
  client: EventStoreDBClient,
  request: StreamsPb.ReadReq,
  debugName: string,
): Promise<ReadCall> => {
  const internals = client as unknown as ClientInternals
  return internals.GRPCStreamCreator(streamsGrpc.StreamsClient, debugName, (grpc) =>
    grpc.read(request, ...internals.callArguments({}, { deadline: Infinity })),
  )()
}
