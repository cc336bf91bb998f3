import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js'
import { streamsPb, type StreamsPb } from '../protocol.js'
import { notLeader } from './standInCluster.js'
import type { WireExpected, WriteOutcome } from './standInLog.js'
import type { StandInNode } from './standInNode.js'
import { expectedVersionNumber, statusError, streamDeletedError, streamNameOf, wireExpected } from './wire.js'

// ---------------------------------------------------------------------------------------------
// Streams.Delete (soft) and Streams.Tombstone (hard). Unlike Append, a wrong expected version here
// is a FAILED_PRECONDITION status whose trailers carry the versions.
// ---------------------------------------------------------------------------------------------

type Options = StreamsPb.DeleteReq.Options | StreamsPb.TombstoneReq.Options

const answer = <Res>(
  streamName: string,
  expected: WireExpected,
  outcome: WriteOutcome,
  callback: sendUnaryData<Res>,
  reply: (position: bigint) => Res,
): void => {
  switch (outcome._tag) {
    case 'StreamDeleted':
      callback(streamDeletedError(streamName))
      return
    case 'WrongExpectedVersion':
      callback(
        statusError(
          status.FAILED_PRECONDITION,
          `Append failed due to WrongExpectedVersion. Stream: ${streamName}`,
          {
            exception: 'wrong-expected-version',
            'stream-name': streamName,
            'expected-version': expectedVersionNumber(expected).toString(),
            'actual-version': outcome.current.toString(),
          },
        ),
      )
      return
    case 'Written':
      callback(null, reply(outcome.position ?? 0n))
  }
}

const target = (options: Options | undefined): { streamName: string; expected: WireExpected } =>
  options === undefined
    ? { streamName: '', expected: { kind: 'any' } }
    : { streamName: streamNameOf(options.getStreamIdentifier()), expected: wireExpected(options) }

/** The Delete handler: writes `$tb` metadata, the events stay in `$all`. */
export const deleteHandler =
  (node: StandInNode) =>
  (
    call: ServerUnaryCall<StreamsPb.DeleteReq, StreamsPb.DeleteResp>,
    callback: sendUnaryData<StreamsPb.DeleteResp>,
  ): void => {
    const refused = notLeader(node.cluster, node.self, true)
    if (refused !== undefined) return callback(refused)
    const { streamName, expected } = target(call.request.getOptions())
    answer(streamName, expected, node.log.softDelete(streamName, expected), callback, (p) =>
      new streamsPb.DeleteResp().setPosition(
        new streamsPb.DeleteResp.Position().setCommitPosition(p.toString()).setPreparePosition(p.toString()),
      ),
    )
  }

/** The Tombstone handler: the stream accepts nothing afterwards. */
export const tombstoneHandler =
  (node: StandInNode) =>
  (
    call: ServerUnaryCall<StreamsPb.TombstoneReq, StreamsPb.TombstoneResp>,
    callback: sendUnaryData<StreamsPb.TombstoneResp>,
  ): void => {
    const refused = notLeader(node.cluster, node.self, true)
    if (refused !== undefined) return callback(refused)
    const { streamName, expected } = target(call.request.getOptions())
    answer(streamName, expected, node.log.tombstone(streamName, expected), callback, (p) =>
      new streamsPb.TombstoneResp().setPosition(
        new streamsPb.TombstoneResp.Position()
          .setCommitPosition(p.toString())
          .setPreparePosition(p.toString()),
      ),
    )
  }
