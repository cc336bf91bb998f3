import { type Either, isLeft, right } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { EventStore, JourneyEvent, RecordedEvent, StoreError } from '@parcours/domain'
import { type DocMap, getDoc, setDocs } from '../model/docMap.js'
import type { DocChange, ProjectionSink, SinkFailed } from '../sink/projectionSink.js'
import { type AnyKeyedProjection, initialReadModels, type ReadModels } from './readModels.js'

// ---------------------------------------------------------------------------------------------
// model: a rebuild that reads the log stream by stream. Every projection declares which of its
// documents are one stream's own (`streamDocuments`) and keeps the others commutative (sums), so
// the read models after reading the streams one after the other are those the global order
// gives. Each stream's documents are written once, when its last event is folded, and
// forgotten: memory holds one batch's documents and the aggregates, whatever the log's size.
// ---------------------------------------------------------------------------------------------

/** A range of streams by name: from `from` (inclusive) to `before` (exclusive). */
export interface StreamRange {
  readonly from?: string
  readonly before?: string
}

/** What a store offers to be read stream by stream (the SQLite store does). */
export interface StreamOrderedReads {
  readonly readByStream: (options: {
    readonly after?: { readonly streamName: string; readonly revision: bigint }
    readonly fromStream?: string
    readonly beforeStream?: string
    readonly upToPosition: bigint
    readonly maxCount: number
    readonly trusted?: boolean
  }) => TaskEither<StoreError, ReadonlyArray<RecordedEvent<JourneyEvent>>>
}

/** Whether a store reads stream by stream. */
export const readsByStream = (
  store: EventStore<JourneyEvent>,
): store is EventStore<JourneyEvent> & StreamOrderedReads =>
  typeof (store as Partial<StreamOrderedReads>).readByStream === 'function'

/** Whether every projection's documents are either per stream or commutative aggregates. */
export const streamOrdered = (projections: ReadonlyArray<AnyKeyedProjection>): boolean =>
  projections.every((p) => p.streamDocuments !== undefined)

/** The version a scope records while a stream-ordered rebuild writes it: stale for any later run. */
export const INCOMPLETE_VERSION = -1

/** What the stream-ordered phase did, or why it handed over to the global order. */
export type StreamOrderedOutcome =
  | { readonly _tag: 'Done'; readonly events: number; readonly batches: number }
  /** A row did not read or a fold threw: the caller rebuilds in global order, which reports it. */
  | { readonly _tag: 'Fallback'; readonly reason: string }

const PAGE_SIZE = 5_000

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * Rebuilds a fresh scope stream by stream, from the log's start to `head` (the snapshot's last
 * position), then commits the aggregates with `head` as checkpoint and the projections'
 * versions. Until that last commit the scope records `INCOMPLETE_VERSION`: a crash half-way
 * leaves it stale, and the next run rebuilds it from zero.
 */
export const rebuildByStream = async (args: {
  readonly store: StreamOrderedReads
  readonly sink: ProjectionSink
  readonly scope: string
  readonly projections: ReadonlyArray<AnyKeyedProjection>
  readonly versions: Readonly<Record<string, number>>
  readonly head: bigint
  readonly streams: StreamRange
  readonly streamPrefix: string
  readonly batchSize: number
  readonly takes: (event: JourneyEvent) => boolean
  readonly stopping: () => boolean
  readonly onBatch: (events: number, batches: number) => void
}): Promise<Either<SinkFailed, StreamOrderedOutcome>> => {
  const { store, sink, scope, projections } = args
  const incomplete = Object.fromEntries(projections.map((p) => [p.name, INCOMPLETE_VERSION]))
  const marked = await sink.reset(scope, incomplete)()
  if (isLeft(marked)) return marked
  const from = [args.streams.from ?? '', args.streamPrefix].reduce((a, b) => (a > b ? a : b))
  const prefixEnd = `${args.streamPrefix.slice(0, -1)}${String.fromCharCode(args.streamPrefix.charCodeAt(args.streamPrefix.length - 1) + 1)}`
  const before =
    args.streams.before === undefined || args.streams.before > prefixEnd ? prefixEnd : args.streams.before

  let aggregates: ReadModels = initialReadModels(projections)
  const aggregateKeys = new Map<string, Set<string>>(projections.map((p) => [p.name, new Set()]))
  let batches = 0

  /** Folds whole streams: their documents go to the sink, the aggregates stay. */
  const foldStreams = (batch: ReadonlyArray<RecordedEvent<JourneyEvent>>): Array<DocChange> | string => {
    const changes: Array<DocChange> = []
    const next = new Map(aggregates)
    for (const p of projections) {
      const isStreamDoc = p.streamDocuments as (key: string) => boolean
      const from = aggregates.get(p.name) as DocMap<object>
      let result
      try {
        result = p.applyBatch(from, batch)
      } catch (cause) {
        return `projection ${p.name} failed: ${cause instanceof Error ? cause.message : String(cause)}`
      }
      const kept: Array<readonly [string, object | undefined]> = []
      const keys = aggregateKeys.get(p.name) as Set<string>
      for (const key of result.changed) {
        const doc = getDoc(result.readModel, key)
        if (isStreamDoc(key)) changes.push({ projection: p.name, key, doc })
        else {
          kept.push([key, doc])
          keys.add(key)
        }
      }
      next.set(p.name, kept.length === 0 ? from : setDocs(from, kept))
    }
    aggregates = next
    return changes
  }

  const pageSize = Math.max(1, Math.min(PAGE_SIZE, args.batchSize))
  let after: { readonly streamName: string; readonly revision: bigint } | undefined
  let taken: Array<RecordedEvent<JourneyEvent>> = []
  let read = 0
  for (;;) {
    if (args.stopping()) return right({ _tag: 'Fallback', reason: 'stopped' })
    const page = await store.readByStream({
      ...(after === undefined ? { fromStream: from } : { after }),
      beforeStream: before,
      upToPosition: args.head,
      maxCount: pageSize,
      trusted: true,
    })()
    if (isLeft(page)) return right({ _tag: 'Fallback', reason: page.left._tag })
    const rows = page.right
    for (const recorded of rows) if (args.takes(recorded.event)) taken.push(recorded)
    read += rows.length
    const last = rows[rows.length - 1]
    const end = rows.length < pageSize
    if (last !== undefined) after = { streamName: last.streamName, revision: last.revision }
    if (!end && taken.length < args.batchSize) continue
    // The last stream may go on in the next page: it waits for its end.
    let cut = taken.length
    if (!end && last !== undefined)
      while (cut > 0 && (taken[cut - 1] as RecordedEvent<JourneyEvent>).streamName === last.streamName) cut--
    if (cut === 0 && !end) continue
    const changes = foldStreams(cut === taken.length ? taken : taken.slice(0, cut))
    if (typeof changes === 'string') return right({ _tag: 'Fallback', reason: changes })
    taken = cut === taken.length ? [] : taken.slice(cut)
    if (changes.length > 0) {
      const c = await sink.commit({ scope, changes, deadLetters: [] })()
      if (isLeft(c)) return c
      batches++
    }
    args.onBatch(read, batches)
    if (end) break
  }
  const changes: Array<DocChange> = []
  for (const p of projections) {
    const rm = aggregates.get(p.name) as DocMap<object>
    for (const key of aggregateKeys.get(p.name) ?? [])
      changes.push({ projection: p.name, key, doc: getDoc(rm, key) })
  }
  const c = await sink.commit({
    scope,
    checkpoint: args.head,
    changes,
    deadLetters: [],
    versions: args.versions,
  })()
  if (isLeft(c)) return c
  return right({ _tag: 'Done', events: read, batches: batches + 1 })
}
