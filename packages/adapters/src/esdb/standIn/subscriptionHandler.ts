import type { ServerWritableStream } from '@grpc/grpc-js'
import { streamsPb, type StreamsPb } from '../protocol.js'
import { allFilterOf } from './allFilter.js'
import { isOver, send } from './send.js'
import type { StoredRecord } from './standInData.js'
import type { StandInLog } from './standInLog.js'
import { eventResponse, streamDeletedError, streamNameOf } from './wire.js'

// ---------------------------------------------------------------------------------------------
// Subscriptions (Read with subscription options). Order on the wire: confirmation, catch-up
// events, (filtered) a checkpoint, caught_up, then live events (+ checkpoints when filtered). The
// start is exclusive. One cursor walks the log from catch-up into live, so nothing is skipped or
// sent twice, and every write waits for the client to drain (back-pressure).
// ---------------------------------------------------------------------------------------------

type ReadCall = ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>

const confirmation = (): StreamsPb.ReadResp =>
  new streamsPb.ReadResp().setConfirmation(
    new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(crypto.randomUUID()),
  )

const caughtUp = (): StreamsPb.ReadResp =>
  new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp())

const checkpoint = (position: bigint): StreamsPb.ReadResp =>
  new streamsPb.ReadResp().setCheckpoint(
    new streamsPb.ReadResp.Checkpoint()
      .setCommitPosition(position.toString())
      .setPreparePosition(position.toString()),
  )

/** Resolves when the client cancels or the call closes. */
const ended = (call: ReadCall): Promise<void> =>
  new Promise((resolve) => {
    call.once('cancelled', () => resolve())
    call.once('close', () => resolve())
  })

/** Waits for the next write to the log unless `moreNow` says there is already something to send. */
const waitForMore = async (
  log: StandInLog,
  call: ReadCall,
  over: Promise<void>,
  moreNow: () => boolean,
): Promise<void> => {
  const next = log.nextWrite()
  if (moreNow()) return
  await Promise.race([next, over])
}

/** A subscription to `$all`, filtered or not. */
export const subscribeToAll = async (
  log: StandInLog,
  call: ReadCall,
  options: StreamsPb.ReadReq.Options,
): Promise<void> => {
  const all = options.getAll()
  const filter = allFilterOf(options)
  const asString = options.getUuidOption()?.hasString() ?? true
  const position = all?.getPosition()
  let cursor = all?.hasEnd()
    ? log.records.length
    : position === undefined
      ? 0
      : log.indexFrom(BigInt(position.getCommitPosition()), true)
  const over = ended(call)
  if (!(await send(call, confirmation()))) return
  let live = false
  let scanned = 0
  let lastScanned: StoredRecord | undefined
  while (!isOver(call) && !log.isClosed()) {
    while (cursor < log.records.length) {
      const record = log.records[cursor++] as StoredRecord
      lastScanned = record
      if ((filter?.matches(record) ?? true) && !(await send(call, eventResponse(record, asString)))) return
      if (filter !== undefined && ++scanned >= filter.checkpointInterval) {
        scanned = 0
        if (!(await send(call, checkpoint(record.position)))) return
      }
    }
    if (!live) {
      if (filter !== undefined && scanned > 0 && lastScanned !== undefined) {
        scanned = 0
        if (!(await send(call, checkpoint(lastScanned.position)))) return
      }
      if (!(await send(call, caughtUp()))) return
      live = true
    }
    await waitForMore(log, call, over, () => cursor < log.records.length)
  }
}

/** A subscription to one stream; a tombstone ends it with the stream-deleted status. */
export const subscribeToStream = async (
  log: StandInLog,
  call: ReadCall,
  options: StreamsPb.ReadReq.Options,
): Promise<void> => {
  const stream = options.getStream()
  const streamName = streamNameOf(stream?.getStreamIdentifier())
  const asString = options.getUuidOption()?.hasString() ?? true
  if (log.state(streamName).tombstoned) {
    call.emit('error', streamDeletedError(streamName))
    return
  }
  let cursor = stream?.hasStart()
    ? 0
    : stream?.hasEnd()
      ? log.streamIndexes(streamName).length
      : Number(BigInt(stream?.getRevision() ?? '-1') + 1n)
  const over = ended(call)
  if (!(await send(call, confirmation()))) return
  let live = false
  while (!isOver(call) && !log.isClosed()) {
    const indexes = log.streamIndexes(streamName)
    const floor = log.state(streamName).truncateBefore ?? 0n
    while (cursor < indexes.length) {
      const record = log.records[indexes[cursor++] ?? -1] as StoredRecord
      if (record.revision >= floor && !(await send(call, eventResponse(record, asString)))) return
    }
    if (log.state(streamName).tombstoned) {
      call.emit('error', streamDeletedError(streamName))
      return
    }
    if (!live) {
      if (!(await send(call, caughtUp()))) return
      live = true
    }
    await waitForMore(
      log,
      call,
      over,
      () => cursor < log.streamIndexes(streamName).length || log.state(streamName).tombstoned,
    )
  }
}
