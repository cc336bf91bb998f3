import {
  nextPosition,
  ticksNow,
  TOMBSTONE_REVISION,
  type EsdbStandInData,
  type StoredRecord,
} from './standInData.js'

// ---------------------------------------------------------------------------------------------
// model: the server's write semantics over the log (ESDB-PROTOCOL.md, "Server semantics").
// ---------------------------------------------------------------------------------------------

/** An expected revision as the wire carries it. */
export type WireExpected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint }

/** An event proposed by an append. */
export interface ProposedRecord {
  readonly id: string
  readonly type: string
  readonly contentType: string
  readonly data: Uint8Array
  readonly customMetadata: Uint8Array
}

/** What the server knows of a stream. `last` is -1n when it has no event. */
export interface StreamState {
  readonly last: bigint
  readonly tombstoned: boolean
  /** From the stream's `$tb` metadata (set by a soft delete): events below it are hidden. */
  readonly truncateBefore: bigint | undefined
  /** From `$maxCount`: only the last this many events are read. */
  readonly maxCount: bigint | undefined
  /** From `$maxAge`, in seconds: older events are not read. */
  readonly maxAgeSeconds: number | undefined
  readonly hasMetadata: boolean
}

/** The outcome of a write. `current` is -1n for a stream with no event. */
export type WriteOutcome =
  | { readonly _tag: 'Written'; readonly revision: bigint; readonly position: bigint | undefined }
  | { readonly _tag: 'WrongExpectedVersion'; readonly current: bigint }
  | { readonly _tag: 'StreamDeleted' }

/** The stand-in's log: the records plus the indexes the server keeps over them. */
export interface StandInLog {
  readonly records: ReadonlyArray<StoredRecord>
  readonly state: (streamName: string) => StreamState
  /** Indexes (into `records`) of a stream's events, by revision, without its tombstone. */
  readonly streamIndexes: (streamName: string) => ReadonlyArray<number>
  /** Whether a soft delete hides every event of the stream (reads say "not found"). */
  readonly isHidden: (streamName: string) => boolean
  readonly append: (
    streamName: string,
    expected: WireExpected,
    events: ReadonlyArray<ProposedRecord>,
  ) => WriteOutcome
  readonly softDelete: (streamName: string, expected: WireExpected) => WriteOutcome
  readonly tombstone: (streamName: string, expected: WireExpected) => WriteOutcome
  /** The index of the first record whose position is at or after (`strict`: after) this one. */
  readonly indexFrom: (position: bigint, strict: boolean) => number
  /** Resolves on the next write, or when the log closes. */
  readonly nextWrite: () => Promise<void>
  readonly isClosed: () => boolean
  readonly close: () => void
}

const utf8 = new TextEncoder()

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/** Opens a log over the data (rebuilding the server's indexes); writes go into the same data. */
export const openStandInLog = (data: EsdbStandInData): StandInLog => {
  const { records } = data
  const streams = new Map<string, number[]>()
  const idRevisions = new Map<string, Map<string, bigint>>()
  const tombstoned = new Set<string>()
  let waiters: Array<() => void> = []
  let closed = false

  const index = (record: StoredRecord, at: number): void => {
    if (record.revision === TOMBSTONE_REVISION && record.type === '$streamDeleted') {
      tombstoned.add(record.streamName)
      return
    }
    const list = streams.get(record.streamName) ?? []
    list.push(at)
    streams.set(record.streamName, list)
    const ids = idRevisions.get(record.streamName) ?? new Map<string, bigint>()
    if (!ids.has(record.id)) ids.set(record.id, record.revision)
    idRevisions.set(record.streamName, ids)
  }
  records.forEach(index)

  const streamIndexes = (streamName: string): ReadonlyArray<number> => streams.get(streamName) ?? []
  const lastRevision = (streamName: string): bigint => {
    const at = streamIndexes(streamName).at(-1)
    return at === undefined ? -1n : (records[at]?.revision ?? -1n)
  }
  const state = (streamName: string): StreamState => {
    const metaAt = streamIndexes(`$$${streamName}`).at(-1)
    const meta = metaAt === undefined ? undefined : metadataOf(records[metaAt])
    return {
      last: lastRevision(streamName),
      tombstoned: tombstoned.has(streamName),
      truncateBefore: integerOf(meta?.$tb),
      maxCount: integerOf(meta?.$maxCount),
      maxAgeSeconds: meta?.$maxAge === undefined ? undefined : Number(integerOf(meta.$maxAge) ?? NaN),
      hasMetadata: metaAt !== undefined,
    }
  }
  const isHidden = (streamName: string): boolean => {
    const s = state(streamName)
    return s.last < 0n || (s.truncateBefore !== undefined && s.truncateBefore > s.last)
  }
  const idAt = (streamName: string, revision: bigint): string | undefined => {
    const list = streamIndexes(streamName)
    if (revision < 0n || revision >= BigInt(list.length)) return undefined
    const at = list[Number(revision)]
    return at === undefined ? undefined : records[at]?.id
  }
  const positionOf = (streamName: string, revision: bigint): bigint | undefined => {
    const at = streamIndexes(streamName)[Number(revision)]
    return at === undefined ? undefined : records[at]?.position
  }
  /** A retry of events already written from `start` on: the outcome the first write had. */
  const replay = (
    streamName: string,
    start: bigint,
    ids: ReadonlyArray<string>,
  ): WriteOutcome | undefined => {
    if (ids.length === 0 || !ids.every((id, i) => idAt(streamName, start + BigInt(i)) === id))
      return undefined
    const revision = start + BigInt(ids.length - 1)
    return { _tag: 'Written', revision, position: positionOf(streamName, revision) }
  }

  const write = (streamName: string, first: bigint, events: ReadonlyArray<ProposedRecord>): WriteOutcome => {
    let position: bigint | undefined
    let revision = first - 1n
    for (const event of events) {
      revision += 1n
      const record: StoredRecord = {
        ...event,
        streamName,
        revision,
        position: nextPosition(records.at(-1)),
        created: ticksNow(),
      }
      records.push(record)
      index(record, records.length - 1)
      position = record.position
    }
    const woken = waiters
    waiters = []
    for (const wake of woken) wake()
    return { _tag: 'Written', revision, position }
  }

  const append = (
    streamName: string,
    expected: WireExpected,
    events: ReadonlyArray<ProposedRecord>,
  ): WriteOutcome => {
    const s = state(streamName)
    if (s.tombstoned) return { _tag: 'StreamDeleted' }
    const current = s.last
    const softDeleted = current >= 0n && s.truncateBefore !== undefined && s.truncateBefore > current
    const conflict: WriteOutcome = { _tag: 'WrongExpectedVersion', current }
    const ids = events.map((e) => e.id)
    // For any/stream_exists the server looks the first id up among the stream's writes: all of
    // the batch there in order is a retry; only part of it is "corrupted idempotency", a conflict.
    const anywhere = (): WriteOutcome | undefined => {
      const start = ids[0] === undefined ? undefined : idRevisions.get(streamName)?.get(ids[0])
      return start === undefined ? undefined : (replay(streamName, start, ids) ?? conflict)
    }
    switch (expected.kind) {
      case 'any':
        return anywhere() ?? write(streamName, current + 1n, events)
      case 'stream_exists':
        if (softDeleted) return { _tag: 'StreamDeleted' }
        if (current < 0n && !s.hasMetadata) return conflict
        return anywhere() ?? write(streamName, current + 1n, events)
      case 'no_stream':
        if (current < 0n || softDeleted) return write(streamName, current + 1n, events)
        return replay(streamName, 0n, ids) ?? conflict
      case 'revision':
        if (expected.revision === current) return write(streamName, current + 1n, events)
        if (expected.revision < current) return replay(streamName, expected.revision + 1n, ids) ?? conflict
        return conflict
    }
  }

  const holds = (expected: WireExpected, current: bigint): boolean => {
    switch (expected.kind) {
      case 'any':
        return true
      case 'no_stream':
        return current < 0n
      case 'stream_exists':
        return current >= 0n
      case 'revision':
        return expected.revision === current
    }
  }

  const softDelete = (streamName: string, expected: WireExpected): WriteOutcome => {
    const s = state(streamName)
    if (s.tombstoned) return { _tag: 'StreamDeleted' }
    // A stream that holds only metadata exists for a no_stream delete, as on the server.
    const metadataOnly = s.last < 0n && s.hasMetadata && expected.kind === 'no_stream'
    if ((s.last < 0n && !metadataOnly) || !holds(expected, s.last))
      return { _tag: 'WrongExpectedVersion', current: s.last }
    const metadata: ProposedRecord = {
      id: crypto.randomUUID(),
      type: '$metadata',
      contentType: 'application/json',
      data: utf8.encode(JSON.stringify({ $tb: Number(s.last + 1n) })),
      customMetadata: new Uint8Array(),
    }
    return write(`$$${streamName}`, lastRevision(`$$${streamName}`) + 1n, [metadata])
  }

  const tombstone = (streamName: string, expected: WireExpected): WriteOutcome => {
    const s = state(streamName)
    if (s.tombstoned) return { _tag: 'StreamDeleted' }
    if (!holds(expected, s.last)) return { _tag: 'WrongExpectedVersion', current: s.last }
    const deleted: ProposedRecord = {
      id: crypto.randomUUID(),
      type: '$streamDeleted',
      contentType: 'application/json',
      data: new Uint8Array(),
      customMetadata: new Uint8Array(),
    }
    return write(streamName, TOMBSTONE_REVISION, [deleted])
  }

  const indexFrom = (position: bigint, strict: boolean): number => {
    let lo = 0
    let hi = records.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const p = records[mid]?.position ?? 0n
      if (p < position || (strict && p === position)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  return {
    records,
    state,
    streamIndexes,
    isHidden,
    append,
    softDelete,
    tombstone,
    indexFrom,
    nextWrite: () => (closed ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    isClosed: () => closed,
    close: () => {
      closed = true
      const woken = waiters
      waiters = []
      for (const wake of woken) wake()
    },
  }
}

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/** The JSON of a `$metadata` record, or undefined when it is not an object. */
const metadataOf = (meta: StoredRecord | undefined): Record<string, unknown> | undefined => {
  if (meta === undefined) return undefined
  try {
    const json = JSON.parse(new TextDecoder().decode(meta.data)) as unknown
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

const integerOf = (value: unknown): bigint | undefined => {
  try {
    return typeof value === 'number' || typeof value === 'string' ? BigInt(value) : undefined
  } catch {
    return undefined
  }
}

/** The first revision reads return: past a soft delete's `$tb` and within `$maxCount`. */
export const readFloor = (state: StreamState): bigint => {
  const byCount = state.maxCount === undefined ? 0n : state.last + 1n - state.maxCount
  const byDelete = state.truncateBefore ?? 0n
  const floor = byCount > byDelete ? byCount : byDelete
  return floor < 0n ? 0n : floor
}

/** Whether `$maxAge` hides a record from reads (its age counted from its `created` ticks). */
export const isExpired = (state: StreamState, record: StoredRecord, nowTicks: bigint): boolean =>
  state.maxAgeSeconds !== undefined &&
  Number.isFinite(state.maxAgeSeconds) &&
  record.created < nowTicks - BigInt(Math.floor(state.maxAgeSeconds)) * 10_000_000n
