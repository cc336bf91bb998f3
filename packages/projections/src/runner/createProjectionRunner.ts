import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import {
  JOURNEY_STREAM_PREFIX,
  type EventStore,
  type GlobalFilter,
  type JourneyEvent,
  type RecordedEvent,
  type Subscription,
  type SubscriptionMessage,
} from '@parcours/domain'
import { type DocMap, docMapOf } from '../model/docMap.js'
import type { KeyedProjection } from '../model/projection.js'
import type { DeadLetter, ProjectionSink, SinkFailed } from '../sink/projectionSink.js'
import { IDLE, nextOrIdle } from './nextOrIdle.js'
import { type AnyKeyedProjection, changesOf, initialReadModels, type ReadModels } from './readModels.js'
import { projectionFailed, subscriptionError } from './runnerErrors.js'
import type { ProjectionRunError, RunProgress, RunStats } from './runnerTypes.js'
import { storeReplaced } from './storeReplaced.js'
import { readsByStream, rebuildByStream, type StreamRange, streamOrdered } from './streamOrderedRebuild.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Options of a projection runner. */
export interface ProjectionRunnerOptions {
  readonly store: EventStore<JourneyEvent>
  readonly projections: ReadonlyArray<AnyKeyedProjection>
  readonly sink: ProjectionSink
  /** Events per committed batch. Default 500. */
  readonly batchSize?: number
  /**
   * Events per committed batch while a rebuild catches up from zero, where fewer, larger commits
   * write each document fewer times. Never less than `batchSize`. Default, when `batchSize` is not
   * given: 10,000 in global order, 2,000 stream by stream (which writes each stream's documents
   * once whatever the batch, so a smaller batch only holds less: on the bench's 5,000,000-event
   * year, one runner peaked at 285 MB of RSS against 311 MB, and ran faster); else `batchSize`.
   */
  readonly rebuildBatchSize?: number
  readonly logger?: Logger
  /** On an event that cannot be decoded: stop with an error (default), or park it in the dead letters and go on. */
  readonly onDecodeFailure?: 'stop' | 'park'
  /**
   * A worker's share of the journeys (other workers take the rest): those registered in these
   * mission locales, or in the mission locales whose hash falls in shard `index` of `count`.
   */
  readonly partition?: {
    readonly missionLocales?: ReadonlyArray<string>
    readonly shard?: { readonly index: number; readonly count: number }
    /** Only the streams named in this range (a worker's share of a stream-ordered rebuild). */
    readonly streams?: StreamRange
  }
  /**
   * How `rebuild` into an empty scope reads the log: `'stream'` (the default, where the
   * store reads stream by stream and every projection declares `streamDocuments`) reads it stream
   * by stream up to the head it saw when it started, writes each stream's documents once and
   * holds only the aggregates, then commits them with that head as checkpoint and follows the
   * log from there; `'global'` reads it in global order. A rebuild over stored read models
   * (which it replaces only once caught up) reads in global order.
   */
  readonly rebuildOrder?: 'stream' | 'global'
  /** The checkpoint key and scope of this worker's documents. Default 'default'; unique per worker. */
  readonly name?: string
  /**
   * Keep every read model in memory (default), or page them out: after each committed batch the
   * runner forgets its documents and a later batch reads those it touches back from the sink, so
   * memory holds one batch's documents, not the network's. Needs a sink with `peek`; a rebuild
   * over stored read models (replaced only once caught up) holds them until then. When paged
   * out, `readModel` gives nothing: read the sink (`loadReadModel`).
   */
  readonly holdReadModels?: boolean
  /** Called after each committed batch. */
  readonly onProgress?: (progress: RunProgress) => void
  /** Called when the runner has applied everything stored. */
  readonly onCaughtUp?: (progress: RunProgress) => void
  /** While following live, commit a partial batch after this long without a new event. Default 100 ms. */
  readonly flushAfterMs?: number
  /**
   * When the stored checkpoint lies past the end of the store's log (a wiped, replaced or restored
   * store): stop with `StoreReplaced` (default), or rebuild the read models from zero.
   */
  readonly onStoreReplaced?: 'stop' | 'rebuild'
}

/**
 * A projection runner. Runs return a TaskEither: `const r = await runner.catchUp()()`, then
 * `if (isLeft(r))`. One run at a time.
 */
export interface ProjectionRunner {
  readonly name: string
  /** Applies everything stored after the checkpoint, then stops. */
  readonly catchUp: () => TaskEither<ProjectionRunError, RunStats>
  /** Catches up, then stays live until `stop()`. */
  readonly follow: () => TaskEither<ProjectionRunError, RunStats>
  /** Forgets the read models and checkpoint, then catches up from the start of the log. */
  readonly rebuild: () => TaskEither<ProjectionRunError, RunStats>
  /** Ends the current run after committing what it applied. */
  readonly stop: () => Promise<void>
  /** A projection's read model as this runner holds it (after a run), or undefined. */
  readonly readModel: <D extends object>(projection: KeyedProjection<D>) => DocMap<D> | undefined
}

interface Loaded {
  readonly rms: ReadModels
  readonly checkpoint: bigint | undefined
  readonly rebuilt: boolean
  /** A rebuild over stored read models, which it replaces only once caught up. */
  readonly replacing?: boolean
}

type Mode = 'catch-up' | 'follow'

// Events per page while reading what is stored already.
const PAGE_SIZE = 2_000

/** Lets timers, I/O and signal handlers run between two batches of a catch-up. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** The shard of a mission locale among `count`: a stable string hash (FNV-1a), the same in every process. */
export const shardOf = (missionLocaleId: string, count: number): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < missionLocaleId.length; i++)
    h = Math.imul(h ^ missionLocaleId.charCodeAt(i), 0x01000193)
  return (h >>> 0) % Math.max(1, count)
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * A runner feeding projections from the store's global subscription into a sink.
 *
 * @example
 * import type { EventStore, JourneyEvent } from '@parcours/domain'
 * import { allProjections, createProjectionRunner, getSqliteProjectionSink } from '@parcours/projections'
 *
 * declare const store: EventStore<JourneyEvent> // any store: in memory, SQLite, EventStoreDB
 * const runner = createProjectionRunner({
 *   store,
 *   projections: allProjections,
 *   sink: getSqliteProjectionSink({ path: 'parcours.db' }), // may share the event store's file
 * })
 * const run = await runner.catchUp()() // from the sink's checkpoint to the end of the log
 * if (run._tag === 'Left') console.error(run.left._tag) // e.g. ProjectionDecodeFailed
 * await runner.stop()
 */
export const createProjectionRunner = (options: ProjectionRunnerOptions): ProjectionRunner => {
  const { store, projections, sink } = options
  const name = options.name ?? 'default'
  const batchSize = Math.max(1, options.batchSize ?? 500)
  const flushAfterMs = options.flushAfterMs ?? 100
  const log = options.logger?.child({ module: 'projectionRunner', runner: name })
  const rebuildBatchSizeFor = (whenUnset: number): number =>
    Math.max(batchSize, options.rebuildBatchSize ?? (options.batchSize === undefined ? whenUnset : batchSize))
  const rebuildBatchSize = rebuildBatchSizeFor(10_000)
  const partition =
    options.partition?.missionLocales === undefined ? undefined : new Set(options.partition.missionLocales)
  const shard = options.partition?.shard
  const versions = Object.fromEntries(projections.map((p) => [p.name, p.version]))
  const peek = sink.peek
  const paged = options.holdReadModels === false && peek !== undefined

  let loaded: Loaded | undefined
  let running = false
  let stopping = false
  let subscription: Subscription<JourneyEvent> | undefined

  const load = async (fromZero: boolean): Promise<Either<SinkFailed, Loaded>> => {
    if (!fromZero && loaded !== undefined) return right({ ...loaded, rebuilt: false })
    // A runner that pages its read models out reads documents one at a time, when a batch needs them.
    const stored = await sink.load(name, { documents: !paged })()
    if (isLeft(stored)) return stored
    const stale = projections.some((p) => stored.right.versions[p.name] !== p.version)
    if (fromZero || stale) {
      log?.info(
        { asked: fromZero, versions, stored: stored.right.versions },
        'rebuilding read models from zero',
      )
      const fresh = { rms: initialReadModels(projections), checkpoint: undefined, rebuilt: true }
      // Stored read models stay until the rebuild has caught up and replaces them in one commit.
      if (stored.right.checkpoint !== undefined) return right({ ...fresh, replacing: true })
      const reset = await sink.reset(name, versions)()
      return isLeft(reset) ? reset : right(fresh)
    }
    const rms = paged
      ? initialReadModels(projections)
      : new Map(projections.map((p) => [p.name, docMapOf(stored.right.documents[p.name] ?? [])]))
    // Held from now on: a run that finds nothing new still gives what was stored (`readModel`).
    loaded = { rms, checkpoint: stored.right.checkpoint, rebuilt: false }
    return right(loaded)
  }

  // Journeys only: a store shared with other applications may hold streams our codec cannot read.
  const journeys: GlobalFilter = { streamPrefixes: [JOURNEY_STREAM_PREFIX] }

  const headPosition = async (): Promise<bigint | undefined> => {
    const r = await store.readAll({ direction: 'backwards', maxCount: 1, filter: journeys })()
    return isLeft(r) ? undefined : r.right[0]?.position
  }

  const streams = options.partition?.streams
  const inRange = (streamName: string): boolean =>
    streams === undefined ||
    ((streams.from === undefined || streamName >= streams.from) &&
      (streams.before === undefined || streamName < streams.before))
  const takes = (e: JourneyEvent): boolean =>
    e.type !== 'YouthRegistered' ||
    ((partition === undefined || partition.has(e.missionLocaleId)) &&
      (shard === undefined || shardOf(e.missionLocaleId, shard.count) === shard.index))
  const takesRecorded = (recorded: RecordedEvent<JourneyEvent>): boolean =>
    inRange(recorded.streamName) && takes(recorded.event)

  const run = async (mode: Mode, fromZero: boolean): Promise<Either<ProjectionRunError, RunStats>> => {
    const started = performance.now()
    let state = await load(fromZero)
    if (isLeft(state)) return state
    const replaced = await storeReplaced(store, name, state.right.checkpoint)
    if (replaced !== undefined) {
      if (options.onStoreReplaced !== 'rebuild') {
        log?.error(
          { checkpoint: String(replaced.checkpoint), logEnd: String(replaced.logEnd) },
          replaced.message,
        )
        return left(replaced)
      }
      log?.warn(
        { checkpoint: String(replaced.checkpoint), logEnd: String(replaced.logEnd) },
        'store replaced: rebuilding',
      )
      loaded = undefined
      state = await load(true)
      if (isLeft(state)) return state
    }
    let rms = state.right.rms
    let persisted = state.right.checkpoint
    let position = persisted
    let head = await headPosition()
    let [events, batches, parkedTotal, pending, caughtUp] = [0, 0, 0, 0, false]
    let parked: DeadLetter[] = []

    const progress = (): RunProgress => {
      const lag =
        head === undefined || (position !== undefined && position >= head)
          ? 0
          : Number(head - (position ?? 0n))
      return { runner: name, events, batches, checkpoint: position, headPosition: head, lag, caughtUp }
    }
    // A rebuild replaces the stored read models in one commit, once caught up: a rebuild that
    // fails or is stopped half-way leaves the previous ones as they were.
    let rebuilding = state.right.replacing === true
    // From zero, batches are large until caught up; live, they are small so that readers see news soon.
    const batchLimit = (): number => (state.right.rebuilt && !caughtUp ? rebuildBatchSize : batchSize)
    const commit = async (): Promise<Either<ProjectionRunError, void>> => {
      const folded = fold()
      if (isLeft(folded)) return folded
      if (rebuilding && !caughtUp) {
        pending = 0
        options.onProgress?.(progress())
        return right(undefined)
      }
      if (rebuilding && position === undefined) {
        const r = await sink.reset(name, versions)()
        if (isLeft(r)) return r
        rebuilding = false
        return right(undefined)
      }
      if (position === undefined || (position === persisted && parked.length === 0 && !rebuilding)) {
        pending = 0
        return right(undefined)
      }
      const batch = {
        scope: name,
        checkpoint: position,
        changes: changesOf(rms, changed),
        deadLetters: parked,
      }
      const r = await sink.commit(rebuilding ? { ...batch, reset: versions } : batch)()
      if (isLeft(r)) {
        loaded = undefined // what the sink holds is the truth now: the next run reloads it
        log?.error({ err: r.left.cause, checkpoint: String(position) }, 'batch commit failed')
        return r
      }
      changed = new Map(projections.map((p) => [p.name, new Set<string>()]))
      // Paged out, what is committed lives in the sink only.
      if (paged) rms = initialReadModels(projections)
      ;[persisted, pending, parked, batches, rebuilding] = [position, 0, [], batches + 1, false]
      loaded = { rms, checkpoint: persisted, rebuilt: false }
      const done = progress()
      log?.debug({ events: done.events, checkpoint: String(position) }, 'batch committed')
      options.onProgress?.(done)
      return right(undefined)
    }
    // The events taken since the last fold: each projection folds them in one batch, just before
    // a commit, so the documents of a batch are copied once, not once per event.
    let taken: Array<RecordedEvent<JourneyEvent>> = []
    // The keys changed since the last commit, by projection.
    let changed = new Map<string, Set<string>>(projections.map((p) => [p.name, new Set<string>()]))
    const fold = (): Either<ProjectionRunError, void> => {
      if (taken.length === 0) return right(undefined)
      const next = new Map(rms)
      for (const p of projections) {
        const from = next.get(p.name) ?? p.initial
        // Paged out, what the map does not hold is in the sink, unless a rebuild has not committed yet.
        const source = paged && !rebuilding ? (key: string) => peek(name, p.name, key) : undefined
        try {
          const r = p.applyBatch(from, taken, source)
          next.set(p.name, r.readModel)
          const keys = changed.get(p.name)
          for (const key of r.changed) keys?.add(key)
        } catch (cause) {
          // Which event failed: replayed one by one from the batch's start (the fold is pure).
          let rm = from
          for (const recorded of taken) {
            try {
              rm = p.applyBatch(rm, [recorded], source).readModel
            } catch (failure) {
              return left(projectionFailed(p.name, recorded, failure))
            }
          }
          const last = taken[taken.length - 1] as RecordedEvent<JourneyEvent>
          return left(projectionFailed(p.name, last, cause))
        }
      }
      rms = next
      taken = []
      return right(undefined)
    }
    const apply = (recorded: RecordedEvent<JourneyEvent>): void => {
      // An event at or before the checkpoint is a redelivery: already in the read models.
      if (position !== undefined && recorded.position <= position) return
      if (takesRecorded(recorded)) taken.push(recorded)
      events++
      pending++
      position = recorded.position
      if (head === undefined || recorded.position > head) head = recorded.position
    }
    const finish = (): RunStats => ({
      runner: name,
      events,
      batches,
      parked: parkedTotal,
      lag: progress().lag,
      durationMs: performance.now() - started,
      checkpoint: persisted,
      rebuilt: state.right.rebuilt,
    })
    const fail = async (error: ProjectionRunError): Promise<Either<ProjectionRunError, RunStats>> => {
      await subscription?.close()
      // The tag and where only: a decode reason may quote stored values, which logs never hold.
      log?.error(
        {
          tag: error._tag,
          ...('streamName' in error
            ? { streamName: error.streamName, revision: String(error.revision) }
            : {}),
        },
        'projection run failed',
      )
      return left(error)
    }

    log?.info(
      { checkpoint: position === undefined ? null : String(position), mode },
      'projection run started',
    )
    // Asked for (`rebuild`), into a scope that held nothing: a first catch-up stays in global
    // order, whose batches each commit a checkpoint to resume from.
    if (
      fromZero &&
      state.right.rebuilt &&
      !rebuilding &&
      position === undefined &&
      head !== undefined &&
      options.rebuildOrder !== 'global' &&
      readsByStream(store) &&
      streamOrdered(projections)
    ) {
      const byStream = await rebuildByStream({
        store,
        sink,
        scope: name,
        projections,
        versions,
        head,
        streams: streams ?? {},
        streamPrefix: JOURNEY_STREAM_PREFIX,
        batchSize: rebuildBatchSizeFor(2_000),
        takes: (e) => takes(e),
        stopping: () => stopping,
        onBatch: (read, committed) => {
          ;[events, batches] = [read, committed]
          options.onProgress?.(progress())
        },
      })
      if (isLeft(byStream)) return fail(byStream.left)
      if (byStream.right._tag === 'Done') {
        ;[events, batches] = [byStream.right.events, byStream.right.batches]
        position = persisted = head
        if (!paged) {
          // Held in memory, as asked: the documents written come back from the sink.
          const stored = await sink.load(name)()
          if (isLeft(stored)) return fail(stored.left)
          rms = new Map(projections.map((p) => [p.name, docMapOf(stored.right.documents[p.name] ?? [])]))
        }
        loaded = { rms, checkpoint: persisted, rebuilt: false }
        log?.info({ events, batches, checkpoint: String(head) }, 'rebuilt stream by stream')
      } else {
        // What it wrote is forgotten; the global order reads the log again and reports what failed.
        log?.warn({ reason: byStream.right.reason }, 'stream-ordered rebuild handed over to the global order')
        const r = await sink.reset(name, versions)()
        if (isLeft(r)) return fail(r.left)
        events = 0
        batches = 0
      }
    }
    // What is stored already is read a page at a time, one call per page rather than one message
    // per event; the subscription then takes over from there. A page the store cannot read (an
    // event that does not decode) is left to the subscription, which stops or parks as asked.
    for (;;) {
      if (stopping) break
      const page = await store.readAll({
        ...(position === undefined ? {} : { fromPosition: position + 1n }),
        maxCount: PAGE_SIZE,
        filter: journeys,
      })()
      if (isLeft(page)) break
      for (const recorded of page.right) {
        apply(recorded)
        if (pending >= batchLimit()) {
          const c = await commit()
          if (isLeft(c)) return fail(c.left)
          // A store that reads synchronously (SQLite, in-memory) would otherwise keep the event
          // loop to itself until the end of the log: a stop asked for by a signal handler waits.
          await yieldToEventLoop()
          if (stopping) break
        }
      }
      if (page.right.length < PAGE_SIZE) break
    }
    for (;;) {
      if (stopping) break
      const sub = store.subscribe({
        from: position ?? 'start',
        filter: journeys,
        bufferSize: Math.max(256, Math.min(batchSize * 2, 4096)),
      })
      subscription = sub
      const it = sub[Symbol.asyncIterator]()
      let resubscribe = false
      let next: Promise<IteratorResult<SubscriptionMessage<JourneyEvent>>> | undefined
      for (;;) {
        next ??= it.next()
        const got = await nextOrIdle(next, pending > 0 && caughtUp ? flushAfterMs : undefined)
        if (got === IDLE) {
          const c = await commit()
          if (isLeft(c)) return fail(c.left)
          continue
        }
        next = undefined
        if (got.done === true) break
        const msg = got.value
        if (msg._tag === 'Event') {
          apply(msg.event)
          if (pending >= batchLimit()) {
            const c = await commit()
            if (isLeft(c)) return fail(c.left)
          }
        } else if (msg._tag === 'Checkpoint') {
          if (position === undefined || msg.position > position) position = msg.position
        } else if (msg._tag === 'CaughtUp') {
          caughtUp = true
          const c = await commit()
          if (isLeft(c)) return fail(c.left)
          if (msg.position !== undefined && (head === undefined || msg.position > head)) head = msg.position
          log?.info({ events, batches }, 'caught up')
          options.onCaughtUp?.(progress())
          if (mode === 'catch-up') {
            await sub.close()
            return right(finish())
          }
        } else {
          const error = msg.error
          if (error._tag === 'DecodeFailed' && options.onDecodeFailure === 'park') {
            log?.warn(
              { streamName: error.streamName, revision: String(error.revision), eventType: error.eventType },
              'parked an event that cannot be decoded',
            )
            parked.push({
              streamName: error.streamName,
              revision: error.revision,
              position: error.position,
              eventType: error.eventType,
              reason: error.reason,
              paths: error.paths,
            })
            parkedTotal++
            position = error.position
            const c = await commit()
            if (isLeft(c)) return fail(c.left)
            resubscribe = true
            break
          }
          const c = await commit()
          if (isLeft(c)) return fail(c.left)
          return fail(subscriptionError(error))
        }
      }
      await sub.close()
      if (!resubscribe) break
    }
    const c = await commit()
    if (isLeft(c)) return left(c.left)
    if (!stopping) {
      // The log ended without a stop asked for: the store closed under the runner.
      return fail(
        subscriptionError({
          _tag: 'StoreUnavailable',
          message: 'the subscription ended before the run was stopped',
        }),
      )
    }
    return right(finish())
  }

  const exclusive =
    (mode: Mode, fromZero: boolean): TaskEither<ProjectionRunError, RunStats> =>
    async () => {
      if (running)
        return left({ _tag: 'RunnerBusy', message: `projection runner ${name} is already running` })
      running = true
      stopping = false
      try {
        return await run(mode, fromZero)
      } finally {
        running = false
        subscription = undefined
      }
    }

  return {
    name,
    catchUp: () => exclusive('catch-up', false),
    follow: () => exclusive('follow', false),
    rebuild: () => exclusive('catch-up', true),
    stop: async () => {
      stopping = true
      await subscription?.close()
    },
    readModel: <D extends object>(projection: KeyedProjection<D>) =>
      paged ? undefined : (loaded?.rms.get(projection.name) as DocMap<D> | undefined),
  }
}
