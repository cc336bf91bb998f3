import { status, type sendUnaryData, type ServerReadableStream } from '@grpc/grpc-js'
import { sharedPb, streamsPb, type StreamsPb } from '../protocol.js'
import { uuidOf } from '../uuid.js'
import { appendSize } from './standInBehaviour.js'
import { notLeader } from './standInCluster.js'
import type { ProposedRecord, WireExpected, WriteOutcome } from './standInLog.js'
import type { StandInNode } from './standInNode.js'
import { statusError, streamDeletedError, streamNameOf, wireExpected } from './wire.js'

// ---------------------------------------------------------------------------------------------
// Streams.Append: client streaming — the options first, then one proposed message per event; the
// server answers once, after the client half-closes.
// ---------------------------------------------------------------------------------------------

/** Why a node refuses a write before looking at the stream: not the leader, or too large. */
export const writeRefusal = (
  node: StandInNode,
  events: ReadonlyArray<ProposedRecord>,
): ReturnType<typeof statusError> | undefined =>
  notLeader(node.cluster, node.self, true) ??
  (appendSize(events) > node.behaviour.maxAppendSize
    ? statusError(
        status.INVALID_ARGUMENT,
        'Maximum Append Size of ' + node.behaviour.maxAppendSize + ' Exceeded.',
        {
          exception: 'maximum-append-size-exceeded',
          'maximum-append-size': String(node.behaviour.maxAppendSize),
        },
      )
    : undefined)

/** The Append handler of a node. */
export const appendHandler =
  (node: StandInNode) =>
  (
    call: ServerReadableStream<StreamsPb.AppendReq, StreamsPb.AppendResp>,
    callback: sendUnaryData<StreamsPb.AppendResp>,
  ): void => {
    let options: StreamsPb.AppendReq.Options | undefined
    const events: ProposedRecord[] = []
    let missingMetadata = false
    call.on('data', (req: StreamsPb.AppendReq) => {
      const header = req.getOptions()
      if (header !== undefined) {
        options = header
        return
      }
      const message = req.getProposedMessage()
      if (message === undefined) return
      const metadata = message.getMetadataMap()
      const type = metadata.get('type')
      const contentType = metadata.get('content-type')
      if (type === undefined || contentType === undefined) missingMetadata = true
      events.push({
        id: uuidOf(message.getId()),
        type: type ?? '',
        contentType: contentType ?? '',
        data: message.getData_asU8(),
        customMetadata: message.getCustomMetadata_asU8(),
      })
    })
    call.on('error', () => undefined)
    call.on('end', () => {
      if (options === undefined) {
        callback(statusError(status.INVALID_ARGUMENT, 'Append without options', {}))
        return
      }
      if (missingMetadata) {
        callback(
          statusError(status.INVALID_ARGUMENT, 'Required metadata properties are missing', {
            exception: 'missing-required-metadata-property',
            'required-metadata-properties': 'type,content-type',
          }),
        )
        return
      }
      const refused = writeRefusal(node, events)
      if (refused !== undefined) {
        callback(refused)
        return
      }
      const streamName = streamNameOf(options.getStreamIdentifier())
      const expected = wireExpected(options)
      const outcome: WriteOutcome = node.log.append(streamName, expected, events)
      switch (outcome._tag) {
        case 'StreamDeleted':
          callback(streamDeletedError(streamName))
          return
        case 'WrongExpectedVersion':
          callback(
            null,
            new streamsPb.AppendResp().setWrongExpectedVersion(
              wrongExpectedVersion(outcome.current, expected),
            ),
          )
          return
        case 'Written': {
          const success = new streamsPb.AppendResp.Success()
          if (outcome.revision < 0n) success.setNoStream(new sharedPb.Empty())
          else success.setCurrentRevision(outcome.revision.toString())
          if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty())
          else
            success.setPosition(
              new streamsPb.AppendResp.Position()
                .setCommitPosition(outcome.position.toString())
                .setPreparePosition(outcome.position.toString()),
            )
          callback(null, new streamsPb.AppendResp().setSuccess(success))
        }
      }
    })
  }

const wrongExpectedVersion = (
  current: bigint,
  expected: WireExpected,
): StreamsPb.AppendResp.WrongExpectedVersion => {
  const wev = new streamsPb.AppendResp.WrongExpectedVersion()
  if (current < 0n) wev.setCurrentNoStream(new sharedPb.Empty())
  else wev.setCurrentRevision(current.toString())
  switch (expected.kind) {
    case 'any':
      return wev.setExpectedAny(new sharedPb.Empty())
    case 'no_stream':
      return wev.setExpectedNoStream(new sharedPb.Empty())
    case 'stream_exists':
      return wev.setExpectedStreamExists(new sharedPb.Empty())
    case 'revision':
      return wev.setExpectedRevision(expected.revision.toString())
  }
}
