import type { ServerWritableStream } from '@grpc/grpc-js'
import { streamsPb, type StreamsPb } from '../protocol.js'
import { allFilterOf } from './allFilter.js'
import { isOver, send } from './send.js'
import { UINT64_MAX, type StandInBehaviour } from './standInBehaviour.js'
import { nextPosition, type StoredRecord } from './standInData.js'
import { readFloor, type StandInLog } from './standInLog.js'
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

const checkpoint = (commit: bigint, prepare: bigint): StreamsPb.ReadResp =>
  new streamsPb.ReadResp().setCheckpoint(
    new streamsPb.ReadResp.Checkpoint()
      .setCommitPosition(commit.toString())
      .setPreparePosition(prepare.toString()),
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

/**
 * A subscription to `$all`, filtered or not. A filtered one checkpoints every `interval` records
 * scanned, as a real server does: at the last event it sent in that page, or, when the page matched
 * nothing, at the page's start `(X, 0)` — X being the first record of the page, already scanned.
 * The start `(C, P)` is exclusive, compared on both positions.
 */
export const subscribeToAll = async (
  log: StandInLog,
  call: ReadCall,
  options: StreamsPb.ReadReq.Options,
  behaviour: StandInBehaviour,
): Promise<void> => {
  const all = options.getAll()
  const filter = allFilterOf(options)
  const asString = options.getUuidOption()?.hasString() ?? true
  const position = all?.getPosition()
  let cursor = all?.hasEnd()
    ? log.records.length
    : position === undefined
      ? 0
      : log.indexFrom(
          BigInt(position.getCommitPosition()),
          BigInt(position.getPreparePosition()) >= BigInt(position.getCommitPosition()),
        )
  const over = ended(call)
  if (!(await send(call, confirmation()))) return
  let live = false
  let scanned = 0
  let pageStart: StoredRecord | undefined
  let lastSent: StoredRecord | undefined
  let matchedAny = false
  /** The checkpoint closing the current page, and a new page. */
  const closePage = (): StreamsPb.ReadResp => {
    const reply =
      lastSent !== undefined
        ? checkpoint(lastSent.position, lastSent.position)
        : checkpoint(pageStart?.position ?? 0n, 0n)
    ;[scanned, pageStart, lastSent] = [0, undefined, undefined]
    return reply
  }
  while (!isOver(call) && !log.isClosed()) {
    while (cursor < log.records.length) {
      const record = log.records[cursor++] as StoredRecord
      pageStart ??= record
      if (filter?.matches(record) ?? true) {
        if (!(await send(call, eventResponse(record, asString)))) return
        lastSent = record
        matchedAny = true
      }
      if (filter !== undefined && ++scanned >= filter.checkpointInterval) {
        if (!(await send(call, closePage()))) return
      }
    }
    if (!live) {
      const fault = filter === undefined ? undefined : behaviour.checkpointFault
      const end =
        fault === 'KDB-744'
          ? checkpoint(nextPosition(log.records.at(-1)), 0n)
          : fault === 'KDB-710' && !matchedAny
            ? checkpoint(UINT64_MAX, UINT64_MAX)
            : filter !== undefined && scanned > 0
              ? closePage()
              : undefined
      if (end !== undefined && !(await send(call, end))) return
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
    const floor = readFloor(log.state(streamName))
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
