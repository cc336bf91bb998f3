import { left, right } from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import type {
  AppendResult,
  EventCodec,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  InvalidEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreError,
} from '@parcours/domain'
import { resolveAppend, type AppendDecision } from '../appendRules/index.js'
import { readLimit } from '../readRules/index.js'
import { flatString, frozenCopy } from '../serialization/frozenCopy.js'
import {
  createAppendSignal,
  createSubscriptionRegistry,
  matchesFilter,
  type LogRow,
} from '../subscriptions/index.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** An event that passed its codec both ways, ready to be stored. */
interface Valid<E> {
  readonly id: string
  readonly event: E
  readonly schemaVersion: number
  readonly metadata: EventMetadata
}

/** A stream: its name as first stored (its events share that one string), its events' log indexes. */
interface Stream {
  readonly name: string
  readonly indexes: Array<number>
}

/** Options of the in-memory store. */
export interface InMemoryEventStoreOptions<E extends { readonly type: string }> {
  readonly codec: EventCodec<E>
  readonly logger?: Logger
}

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

const noMetadata: EventMetadata = Object.freeze({})

/**
 * The revisions -1 to 4,094 as bigints, made once. The port hands revisions back as bigints, and
 * most streams are short: their events share these values instead of each allocating its own.
 */
const sharedRevisions: ReadonlyArray<bigint> = Array.from({ length: 4096 }, (_, i) => BigInt(i - 1))
/** The revision `n` (from -1) as a bigint, shared when it is small. */
const bigRevision = (n: number): bigint => sharedRevisions[n + 1] ?? BigInt(n)

const frozenMetadata = (metadata: EventMetadata | undefined): EventMetadata =>
  metadata === undefined ||
  (metadata.correlationId === undefined &&
    metadata.causationId === undefined &&
    metadata.tenant === undefined)
    ? noMetadata
    : Object.freeze({
        ...(metadata.correlationId === undefined ? {} : { correlationId: metadata.correlationId }),
        ...(metadata.causationId === undefined ? {} : { causationId: metadata.causationId }),
        ...(metadata.tenant === undefined ? {} : { tenant: metadata.tenant }),
      })

/** A stored event as the subscriptions read it: with the position, stream and type they filter on. */
interface LogRowOf<E> extends LogRow {
  readonly recorded: RecordedEvent<E>
}
const asLogRow = <E extends { readonly type: string }>(recorded: RecordedEvent<E>): LogRowOf<E> => ({
  position: recorded.position,
  streamName: recorded.streamName,
  type: recorded.event.type,
  recorded,
})

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * An event store in memory, with the same semantics as the durable ones. Each event is validated
 * once, on the way in: encoded with the codec, decoded back (as a durable store's reader would),
 * deeply frozen and kept. Reads hand back those frozen values without parsing or validating
 * anything again, and every append is O(1) amortised however large the log grows.
 *
 * @example
 * import { journeyEventCodec, journeyStreamName, type YouthId } from '@parcours/domain'
 * import { getInMemoryEventStore } from '@parcours/adapters'
 *
 * const store = getInMemoryEventStore({ codec: journeyEventCodec })
 * const events = await store.readStream(journeyStreamName('y-1' as YouthId))() // Right([]) at first
 * for await (const message of store.subscribe({ from: 'start' })) {
 *   if (message._tag === 'CaughtUp') break // then live events would follow
 * }
 * await store.close()
 */
export const getInMemoryEventStore = <E extends { readonly type: string }>(
  options: InMemoryEventStoreOptions<E>,
): EventStore<E> => {
  const { codec } = options
  const log = options.logger?.child({ module: 'inMemoryEventStore' })
  /** The log: the event at global position p is at index p - 1. */
  const rows: Array<RecordedEvent<E>> = []
  const streams = new Map<string, Stream>()
  /** Every id stored, in any stream. */
  const ids = new Set<string>()
  const appended = createAppendSignal()
  let closed = false
  // One ISO string per millisecond: a store appending thousands of events a millisecond formats once.
  let clockMs = -1
  let clockIso = ''
  const now = (): string => {
    const ms = Date.now()
    if (ms !== clockMs) [clockMs, clockIso] = [ms, new Date(ms).toISOString()]
    return clockIso
  }

  const closedError: StoreError = { _tag: 'StoreUnavailable', message: 'the in-memory store is closed' }

  /**
   * Encodes then decodes each event, as a durable store writes then reads it, and keeps a deeply
   * frozen copy of what was decoded: nothing half-valid is kept, and nothing the caller holds.
   */
  const validate = (
    streamName: string,
    events: ReadonlyArray<EventToAppend<E>>,
  ): Array<Valid<E>> | InvalidEvent => {
    const out: Array<Valid<E>> = []
    for (let index = 0; index < events.length; index++) {
      const toAppend = events[index] as EventToAppend<E>
      const encoded = codec.encode(toAppend.event)
      if (encoded._tag === 'Left') return { _tag: 'InvalidEvent', streamName, index, error: encoded.left }
      const decoded = codec.decode(encoded.right)
      if (decoded._tag === 'Left') return { _tag: 'InvalidEvent', streamName, index, error: decoded.left }
      out.push({
        id: flatString(toAppend.id),
        event: frozenCopy(decoded.right),
        schemaVersion: encoded.right.schemaVersion,
        metadata: frozenMetadata(toAppend.metadata),
      })
    }
    return out
  }

  /** The port's append rules over the stream as it stands (the slow path: retries, conflicts). */
  const decide = (
    stream: Stream | undefined,
    expected: ExpectedRevision,
    valid: ReadonlyArray<Valid<E>>,
  ): AppendDecision => {
    const indexes = stream?.indexes ?? []
    return resolveAppend(
      expected,
      valid.map((e) => e.id),
      {
        current: bigRevision(indexes.length - 1),
        idAt: (revision) => {
          const index = revision < 0n ? undefined : indexes[Number(revision)]
          return index === undefined ? undefined : rows[index]?.id
        },
        // A retry's ids are usually the stream's last: it is searched from its end, and only for
        // an id stored somewhere.
        revisionOf: (id) => {
          if (!ids.has(id)) return undefined
          for (let r = indexes.length - 1; r >= 0; r--)
            if (rows[indexes[r] as number]?.id === id) return bigRevision(r)
          return undefined
        },
        isIdTaken: (id) => ids.has(id),
      },
    )
  }

  /**
   * Whether the batch is a plain write, its ids then taken: the expectation holds and no id is
   * stored or repeated. `resolveAppend` decides `Write` for exactly these (a retry needs a stored
   * id, a conflict a failed expectation or a taken id), so they skip it and allocate nothing to be
   * told so. Each id is looked up once, by adding it: when one was there already, the ids this
   * batch added are taken out again and the set is as it was.
   */
  const takePlainWrite = (
    stream: Stream | undefined,
    expected: ExpectedRevision,
    valid: ReadonlyArray<Valid<E>>,
  ): boolean => {
    const length = stream === undefined ? 0 : stream.indexes.length
    const holds =
      typeof expected === 'bigint'
        ? expected === bigRevision(length - 1)
        : expected === 'any' || (expected === 'exists') === length > 0
    if (!holds) return false
    for (let i = 0; i < valid.length; i++) {
      const before = ids.size
      if (ids.add((valid[i] as Valid<E>).id).size === before) {
        for (let j = 0; j < i; j++) ids.delete((valid[j] as Valid<E>).id)
        return false
      }
    }
    return true
  }

  /** Records the batch (its ids already taken) at the end of the stream and of the log. */
  const write = (streamName: string, stream: Stream | undefined, valid: ReadonlyArray<Valid<E>>) => {
    let target = stream
    if (target === undefined) {
      target = { name: streamName, indexes: [] }
      streams.set(streamName, target)
    }
    const recordedAt = now()
    let last: RecordedEvent<E> | undefined
    for (const event of valid) {
      const index = rows.length
      last = Object.freeze({
        id: event.id,
        streamName: target.name,
        revision: bigRevision(target.indexes.length),
        position: BigInt(index + 1),
        event: event.event,
        schemaVersion: event.schemaVersion,
        metadata: event.metadata,
        recordedAt,
      })
      rows.push(last)
      target.indexes.push(index)
    }
    appended.notify()
    const result: AppendResult = {
      nextExpectedRevision: (last as RecordedEvent<E>).revision,
      position: (last as RecordedEvent<E>).position,
    }
    return result
  }

  const append: EventStore<E>['append'] = (streamName, expected, events) => async () => {
    if (closed) return left(closedError)
    const valid = validate(streamName, events)
    if (!Array.isArray(valid)) return left(valid)
    const stream = streams.get(streamName)
    if (valid.length > 0 && takePlainWrite(stream, expected, valid))
      return right(write(streamName, stream, valid))
    const decision = decide(stream, expected, valid)
    switch (decision._tag) {
      case 'Conflict':
        log?.debug(
          { streamName, expected: String(expected), actual: String(decision.actual) },
          'wrong expected revision',
        )
        return left({ _tag: 'WrongExpectedRevision', streamName, expected, actual: decision.actual })
      case 'AlreadyWritten': {
        const index = decision.lastRevision < 0n ? undefined : stream?.indexes[Number(decision.lastRevision)]
        return right({
          nextExpectedRevision: decision.lastRevision,
          position: index === undefined ? -1n : BigInt(index + 1),
        })
      }
      case 'Write':
        for (const { id } of valid) ids.add(id)
        return right(write(streamName, stream, valid))
    }
  }

  const readStream =
    (streamName: string, options: ReadStreamOptions = {}) =>
    async () => {
      if (closed) return left(closedError)
      const indexes = streams.get(streamName)?.indexes ?? []
      const max = readLimit(options.maxCount)
      const picked: Array<RecordedEvent<E>> = []
      if (options.direction === 'backwards') {
        const last = BigInt(indexes.length - 1)
        const from =
          options.fromRevision === undefined || options.fromRevision > last ? last : options.fromRevision
        for (let r = Number(from); r >= 0 && picked.length < max; r--)
          picked.push(rows[indexes[r] as number] as RecordedEvent<E>)
      } else {
        const from = options.fromRevision ?? 0n
        for (let r = from < 0n ? 0 : Number(from); r < indexes.length && picked.length < max; r++)
          picked.push(rows[indexes[r] as number] as RecordedEvent<E>)
      }
      return right(picked)
    }

  const readAll =
    (options: ReadAllOptions = {}) =>
    async () => {
      if (closed) return left(closedError)
      const max = readLimit(options.maxCount)
      const picked: Array<number> = []
      const take = (index: number) => {
        const row = rows[index] as RecordedEvent<E>
        if (matchesFilter(options.filter, row.streamName, row.event.type)) picked.push(index)
      }
      if (options.direction === 'backwards') {
        const before =
          options.fromPosition === undefined
            ? rows.length
            : Math.min(rows.length, Math.max(0, Number(options.fromPosition) - 1))
        for (let i = before - 1; i >= 0 && picked.length < max; i--) take(i)
      } else {
        const from = options.fromPosition === undefined ? 0 : Math.max(0, Number(options.fromPosition) - 1)
        for (let i = from; i < rows.length && picked.length < max; i++) take(i)
      }
      return right(picked.map((i) => rows[i] as RecordedEvent<E>))
    }

  const subscriptions = createSubscriptionRegistry((row: LogRowOf<E>) => right(row.recorded), {
    readAfter: (after, limit) => {
      if (closed) return left(closedError)
      const from = after === undefined || after < 0n ? 0 : Number(after)
      return right(rows.slice(from, from + limit).map(asLogRow))
    },
    waitForAppend: (signal) => appended.wait(signal),
  })

  return {
    append,
    readStream,
    readAll,
    subscribe: subscriptions.open,
    close: async () => {
      closed = true
      await subscriptions.closeAll()
    },
  }
}
