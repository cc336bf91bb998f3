import { createRequire } from 'node:module'
import type * as GossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js'
import type * as GossipPb from '@eventstore/db-client/generated/gossip_pb.js'
import type * as ServerFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js'
import type * as ServerFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js'
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb.js'
import type * as StatusPb from '@eventstore/db-client/generated/status_pb.js'
import type * as StreamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js'
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb.js'

// ---------------------------------------------------------------------------------------------
// The protobuf classes generated inside @eventstore/db-client. They are loaded from the client's own
// files (not a copy) because grpc-js serializers check `instanceof` against these very classes.
// ---------------------------------------------------------------------------------------------

const require = createRequire(import.meta.url)
const generated = <T>(name: string): T => require(`@eventstore/db-client/generated/${name}.js`) as T

/** The Streams service messages. */
export const streamsPb = generated<typeof StreamsPb>('streams_pb')
/** The Streams service definition and client. */
export const streamsGrpc = generated<typeof StreamsGrpc>('streams_grpc_pb')
/** Shared messages: Empty, UUID, StreamIdentifier. */
export const sharedPb = generated<typeof SharedPb>('shared_pb')
/** The ServerFeatures service messages. */
export const serverFeaturesPb = generated<typeof ServerFeaturesPb>('serverfeatures_pb')
/** The ServerFeatures service definition. */
export const serverFeaturesGrpc = generated<typeof ServerFeaturesGrpc>('serverfeatures_grpc_pb')
/** The Gossip service messages (cluster discovery). */
export const gossipPb = generated<typeof GossipPb>('gossip_pb')
/** The Gossip service definition. */
export const gossipGrpc = generated<typeof GossipGrpc>('gossip_grpc_pb')

/** google.rpc.Status, which BatchAppend replies carry their errors in. */
export const statusPb = generated<typeof StatusPb>('status_pb')
// google.protobuf messages as the generated modules load them (from the client's own dependency).
const requireFromClient = createRequire(require.resolve('@eventstore/db-client/generated/streams_pb.js'))
/** google.protobuf.Empty, which BatchAppend uses where the other calls use their own Empty. */
export const emptyPb = requireFromClient('google-protobuf/google/protobuf/empty_pb.js') as {
  readonly Empty: new () => GoogleEmpty
}
/** google.protobuf.Any, the details of a google.rpc.Status. */
export const anyPb = requireFromClient('google-protobuf/google/protobuf/any_pb.js') as {
  readonly Any: new () => GoogleAny
}

/** The parts of google.protobuf.Empty and Any the stand-in uses (the package ships no typings here). */
export type GoogleEmpty = Parameters<StreamsPb.BatchAppendResp['setNoStream']>[0]
export type GoogleAny = NonNullable<Parameters<StatusPb.Status['setDetails']>[0]>

export type { StreamsPb, SharedPb, StreamsGrpc }
