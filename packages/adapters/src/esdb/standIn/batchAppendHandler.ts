import type { ServerDuplexStream } from '@grpc/grpc-js'
import { anyPb, emptyPb, sharedPb, statusPb, streamsPb, type StreamsPb } from '../protocol.js'
import { uuidOf } from '../uuid.js'
import { writeRefusal } from './appendHandler.js'
import { appendSize } from './standInBehaviour.js'
import type { ProposedRecord, WireExpected, WriteOutcome } from './standInLog.js'
import type { StandInNode } from './standInNode.js'
import { streamIdentifier, streamNameOf } from './wire.js'

// ---------------------------------------------------------------------------------------------
// Streams.BatchAppend: one duplex call carries many appends. Each append is a correlation id, its
// options in the first chunk, its events over one or more chunks, the last one `is_final`; the
// server answers each append once, with the same correlation id: a success, or a google.rpc.Status
// whose details say why (WrongExpectedVersion, StreamDeleted, MaximumAppendSizeExceeded). A node
// that is not the leader fails the whole call with `not-leader`.
// ---------------------------------------------------------------------------------------------

type BatchCall = ServerDuplexStream<StreamsPb.BatchAppendReq, StreamsPb.BatchAppendResp>

interface Pending {
  options: StreamsPb.BatchAppendReq.Options | undefined
  readonly events: ProposedRecord[]
}

/** The expectation of a BatchAppend's options. */
const expectedOf = (options: StreamsPb.BatchAppendReq.Options | undefined): WireExpected => {
  if (options === undefined || options.hasAny()) return { kind: 'any' }
  if (options.hasNoStream()) return { kind: 'no_stream' }
  if (options.hasStreamExists()) return { kind: 'stream_exists' }
  return { kind: 'revision', revision: BigInt(options.getStreamPosition()) }
}

const recordOf = (message: StreamsPb.BatchAppendReq.ProposedMessage): ProposedRecord => {
  const metadata = message.getMetadataMap()
  return {
    id: uuidOf(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? '',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  }
}

const CODE_FAILED_PRECONDITION = 9
const CODE_INVALID_ARGUMENT = 3

/** A google.rpc.Status carrying one detail message. */
const rpcStatus = (
  code: number,
  message: string,
  detail: { serializeBinary: () => Uint8Array },
  typeName: string,
): StatusPb => {
  const details = new anyPb.Any()
  details.pack(detail.serializeBinary(), typeName)
  return new statusPb.Status().setCode(code).setMessage(message).setDetails(details)
}
type StatusPb = InstanceType<typeof statusPb.Status>

const wrongExpectedVersion = (current: bigint, expected: WireExpected) => {
  const wev = new sharedPb.WrongExpectedVersion()
  if (current < 0n) wev.setCurrentNoStream(new emptyPb.Empty())
  else wev.setCurrentStreamRevision(current.toString())
  switch (expected.kind) {
    case 'any':
      return wev.setExpectedAny(new emptyPb.Empty())
    case 'no_stream':
      return wev.setExpectedNoStream(new emptyPb.Empty())
    case 'stream_exists':
      return wev.setExpectedStreamExists(new emptyPb.Empty())
    case 'revision':
      return wev.setExpectedStreamPosition(expected.revision.toString())
  }
}

const reply = (
  correlationId: SharedUuid,
  streamName: string,
  expected: WireExpected,
  outcome: WriteOutcome,
): StreamsPb.BatchAppendResp => {
  const resp = new streamsPb.BatchAppendResp()
    .setCorrelationId(correlationId)
    .setStreamIdentifier(streamIdentifier(streamName))
  switch (expected.kind) {
    case 'any':
      resp.setAny(new emptyPb.Empty())
      break
    case 'no_stream':
      resp.setNoStream(new emptyPb.Empty())
      break
    case 'stream_exists':
      resp.setStreamExists(new emptyPb.Empty())
      break
    case 'revision':
      resp.setStreamPosition(expected.revision.toString())
  }
  switch (outcome._tag) {
    case 'StreamDeleted':
      return resp.setError(
        rpcStatus(
          CODE_FAILED_PRECONDITION,
          `Event stream '${streamName}' is deleted.`,
          new sharedPb.StreamDeleted().setStreamIdentifier(streamIdentifier(streamName)),
          'event_store.client.StreamDeleted',
        ),
      )
    case 'WrongExpectedVersion':
      return resp.setError(
        rpcStatus(
          CODE_FAILED_PRECONDITION,
          `Append failed due to WrongExpectedVersion. Stream: ${streamName}`,
          wrongExpectedVersion(outcome.current, expected),
          'event_store.client.WrongExpectedVersion',
        ),
      )
    case 'Written': {
      const success = new streamsPb.BatchAppendResp.Success()
      if (outcome.revision < 0n) success.setNoStream(new emptyPb.Empty())
      else success.setCurrentRevision(outcome.revision.toString())
      if (outcome.position === undefined) success.setNoPosition(new emptyPb.Empty())
      else
        success.setPosition(
          new sharedPb.AllStreamPosition()
            .setCommitPosition(outcome.position.toString())
            .setPreparePosition(outcome.position.toString()),
        )
      return resp.setSuccess(success)
    }
  }
}
type SharedUuid = InstanceType<typeof sharedPb.UUID>

/** The BatchAppend handler of a node. */
export const batchAppendHandler =
  (node: StandInNode) =>
  (call: BatchCall): void => {
    const pending = new Map<string, Pending>()
    node.openCalls.add(call)
    const forget = (): void => void node.openCalls.delete(call)
    call.on('error', forget)
    call.on('cancelled', forget)
    call.on('end', () => {
      forget()
      call.end()
    })
    call.on('data', (req: StreamsPb.BatchAppendReq) => {
      const correlationId = req.getCorrelationId() ?? new sharedPb.UUID()
      const key = uuidOf(correlationId)
      const batch = pending.get(key) ?? { options: undefined, events: [] }
      pending.set(key, batch)
      batch.options ??= req.getOptions()
      batch.events.push(...req.getProposedMessagesList().map(recordOf))
      if (!req.getIsFinal()) return
      pending.delete(key)
      const refused = writeRefusal(node, batch.events)
      if (refused?.metadata?.get('exception')[0] === 'not-leader') {
        forget()
        call.emit('error', refused)
        return
      }
      const streamName = streamNameOf(batch.options?.getStreamIdentifier())
      const expected = expectedOf(batch.options)
      if (refused !== undefined) {
        call.write(
          new streamsPb.BatchAppendResp()
            .setCorrelationId(correlationId)
            .setStreamIdentifier(streamIdentifier(streamName))
            .setError(
              rpcStatus(
                CODE_INVALID_ARGUMENT,
                `Maximum Append Size of ${node.behaviour.maxAppendSize} Exceeded (${appendSize(batch.events)} bytes).`,
                new sharedPb.MaximumAppendSizeExceeded().setMaxappendsize(node.behaviour.maxAppendSize),
                'event_store.client.MaximumAppendSizeExceeded',
              ),
            ),
        )
        return
      }
      call.write(
        reply(correlationId, streamName, expected, node.log.append(streamName, expected, batch.events)),
      )
    })
  }
