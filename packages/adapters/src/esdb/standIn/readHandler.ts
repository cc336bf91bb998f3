import type { ServerWritableStream } from '@grpc/grpc-js'
import { streamsPb, type StreamsPb } from '../protocol.js'
import { allFilterOf } from './allFilter.js'
import { send } from './send.js'
import { notLeader } from './standInCluster.js'
import { ticksNow, type StoredRecord } from './standInData.js'
import { isExpired, readFloor, type StandInLog } from './standInLog.js'
import type { StandInNode } from './standInNode.js'
import { subscribeToAll, subscribeToStream } from './subscriptionHandler.js'
import { eventResponse, streamDeletedError, streamIdentifier, streamNameOf } from './wire.js'

// ---------------------------------------------------------------------------------------------
// Streams.Read: finite reads of a stream or of `$all`, and (with subscription options) the
// subscriptions. A stream read from R includes R in both directions; a `$all` read from P
// includes P forwards and excludes it backwards.
// ---------------------------------------------------------------------------------------------

type ReadCall = ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>

/** The Read handler of a node. */
export const readHandler =
  (node: StandInNode) =>
  (call: ReadCall): void => {
    const { log } = node
    const options = call.request.getOptions()
    if (options === undefined) {
      call.end()
      return
    }
    const refused = notLeader(node.cluster, node.self, false, call.metadata)
    if (refused !== undefined) {
      call.emit('error', refused)
      return
    }
    if (options.hasSubscription()) {
      // A node leaving the leader role ends its subscriptions; the client subscribes again.
      node.openCalls.add(call)
      const forget = (): void => void node.openCalls.delete(call)
      call.once('cancelled', forget)
      call.once('close', forget)
      call.once('finish', forget)
    }
    const run = options.hasSubscription()
      ? options.hasStream()
        ? subscribeToStream(log, call, options)
        : subscribeToAll(log, call, options, node.behaviour)
      : options.hasStream()
        ? readStream(log, call, options)
        : readAll(log, call, options)
    run.catch((error: unknown) => call.destroy(error instanceof Error ? error : new Error(String(error))))
  }

const countOf = (options: StreamsPb.ReadReq.Options): bigint =>
  options.hasCount() ? BigInt(options.getCount()) : BigInt(Number.MAX_SAFE_INTEGER)

const isBackwards = (options: StreamsPb.ReadReq.Options): boolean =>
  options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS

const uuidAsString = (options: StreamsPb.ReadReq.Options): boolean =>
  options.getUuidOption()?.hasString() ?? true

const sendAll = async (
  call: ReadCall,
  records: Iterable<StoredRecord>,
  count: bigint,
  asString: boolean,
): Promise<void> => {
  let sent = 0n
  for (const record of records) {
    if (sent >= count) break
    if (!(await send(call, eventResponse(record, asString)))) return
    sent += 1n
  }
  call.end()
}

const readStream = async (
  log: StandInLog,
  call: ReadCall,
  options: StreamsPb.ReadReq.Options,
): Promise<void> => {
  const stream = options.getStream()
  const streamName = streamNameOf(stream?.getStreamIdentifier())
  const state = log.state(streamName)
  if (state.tombstoned) {
    call.emit('error', streamDeletedError(streamName))
    return
  }
  if (log.isHidden(streamName)) {
    const notFound = new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName))
    await send(call, new streamsPb.ReadResp().setStreamNotFound(notFound))
    call.end()
    return
  }
  const indexes = log.streamIndexes(streamName)
  const backwards = isBackwards(options)
  const last = BigInt(indexes.length) - 1n
  const from = stream?.hasStart()
    ? 0n
    : stream?.hasEnd()
      ? backwards
        ? last
        : last + 1n
      : BigInt(stream?.getRevision() ?? '0')
  // $tb, $maxCount and $maxAge truncate what a stream read returns (the events stay in $all).
  const floor = readFloor(state)
  const now = ticksNow()
  function* revisions(): Generator<StoredRecord> {
    if (backwards) {
      for (let r = from > last ? last : from; r >= floor; r--) {
        const record = log.records[indexes[Number(r)] ?? -1] as StoredRecord
        if (!isExpired(state, record, now)) yield record
      }
    } else {
      for (let r = from < floor ? floor : from; r <= last; r++) {
        const record = log.records[indexes[Number(r)] ?? -1] as StoredRecord
        if (!isExpired(state, record, now)) yield record
      }
    }
  }
  await sendAll(call, revisions(), countOf(options), uuidAsString(options))
}

const readAll = async (
  log: StandInLog,
  call: ReadCall,
  options: StreamsPb.ReadReq.Options,
): Promise<void> => {
  const all = options.getAll()
  const filter = allFilterOf(options)
  const backwards = isBackwards(options)
  const { records } = log
  const position = all?.getPosition()
  const at = position === undefined ? undefined : log.indexFrom(BigInt(position.getCommitPosition()), false)
  function* scan(): Generator<StoredRecord> {
    if (backwards) {
      const start = all?.hasStart() ? -1 : all?.hasEnd() ? records.length - 1 : (at ?? 0) - 1
      for (let i = start; i >= 0; i--) {
        const record = records[i]
        if (record !== undefined && (filter?.matches(record) ?? true)) yield record
      }
    } else {
      const start = all?.hasStart() ? 0 : all?.hasEnd() ? records.length : (at ?? 0)
      for (let i = start; i < records.length; i++) {
        const record = records[i]
        if (record !== undefined && (filter?.matches(record) ?? true)) yield record
      }
    }
  }
  await sendAll(call, scan(), countOf(options), uuidAsString(options))
}
