import type { EventStoreDBClient } from '@eventstore/db-client'
import type { ClientReadableStream, Metadata, CallOptions } from '@grpc/grpc-js'
import { streamsGrpc, type StreamsGrpc, type StreamsPb } from './protocol.js'

// ---------------------------------------------------------------------------------------------
// Opening Read calls through the client's own channel (same connection, discovery, node
// preference and reconnection) while reading the raw replies in order. The client's public
// readers cannot do it: `readAll` sends no filter, and subscriptions report checkpoints and
// caught-up as side events, out of order with the events still buffered.
// ---------------------------------------------------------------------------------------------

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
