import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import type {
  Decider,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  GlobalPosition,
  RecordedEvent,
  StoreError,
  StreamRevision,
  WrongExpectedRevision,
} from '@parcours/domain'
import type { CommandHandlingError, CommandResult } from './commandHandlingError.js'
import { eventIdDigest, eventIdFor } from './eventIdFor.js'
import type { StateSnapshot, StateSnapshots } from './stateSnapshots.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Exponential backoff with full jitter between attempts that met a conflict. */
export interface Backoff {
  readonly baseMs: number
  /** A number in [0, 1); defaults to Math.random. */
  readonly random?: () => number
  /** Defaults to a timer. */
  readonly sleep?: (ms: number) => Promise<void>
}

/** How to handle the commands of one decider on one store. */
export interface CommandHandlerOptions<C, S, E extends { readonly type: string }, Err, PrepareErr = never> {
  readonly store: EventStore<E>
  readonly decider: Decider<C, S, E, Err>
  /** The stream a command's aggregate lives in. */
  readonly streamName: (command: C) => string
  /** Metadata for the events of a command (e.g. the tenant); correlation and causation are set here. */
  readonly metadata?: (command: C) => EventMetadata
  /** Retries after a conflict before giving up. Default 5. */
  readonly maxRetries?: number
  /** Default: base 10 ms. */
  readonly backoff?: Backoff
  readonly logger?: Logger
  /**
   * How many streams' folded states the handler keeps, keyed by stream and revision, so that a
   * command reads only the events appended since (by anyone) instead of the whole journey.
   * Default 10,000; 0 turns the cache off.
   */
  readonly stateCacheSize?: number
  /**
   * Where the handler saves the states it folded, and looks for one when its cache does not hold
   * the stream: it then reads only the events after the snapshot's revision, and takes the
   * snapshot only if the stream still holds, at that revision, the event the snapshot names (its
   * id and global position). A
   * state is saved when the cache lets it go, and once it is `snapshotEvery` events past the
   * stream's last snapshot. A snapshot that cannot be loaded or saved is logged and done without.
   */
  readonly snapshots?: StateSnapshots<S>
  /** Events folded past a stream's last snapshot before the handler saves a new one. Default 100. */
  readonly snapshotEvery?: number
  /**
   * Brings into the command what the decider needs besides the state and that the state holds
   * only sealed (e.g. a journey's age limits, opened through the vault): run on the state just
   * read, before each `decide`, and again on what `complete` returns. Its error ends the call.
   */
  readonly prepare?: (command: C, state: S) => TaskEither<PrepareErr, C>
}

/**
 * A stream's state as folded up to `revision`, with the digests of ids of its stored events (to
 * spot a re-sent command, by the id of its first event): every id of the events read from the
 * store, and only the first id of each command this handler appended. The set only ever gains
 * digests of events stored in the stream, so the entries of one stream share it. A digest (32
 * bits, `eventIdDigest`) takes a fifth of the memory of the id; two ids with one digest only cost
 * a read of the whole stream, where the command's events are looked for by their ids.
 */
interface CachedState<S> {
  readonly revision: StreamRevision
  /** The id and global position of the event at `revision` (none before the stream's first event). */
  readonly last: { readonly id: string; readonly position: GlobalPosition } | undefined
  /** The revision of the stream's last snapshot this handler loaded or saved (-1: none). */
  readonly snapshotRevision: StreamRevision
  readonly state: S
  readonly ids: Set<number>
}

/** A command to handle: its id makes it idempotent; the correlation id defaults to it. */
export interface CommandEnvelope<C, CompleteErr = never> {
  readonly commandId: string
  readonly command: C
  readonly correlationId?: string
  /**
   * Completes the command once the decider accepted it, before anything is written (e.g. seals
   * its personal data, so that a refused or re-sent command seals nothing). The completed command
   * is decided again on the same state and recorded. Runs at most once per call, across retries.
   */
  readonly complete?: (command: C) => TaskEither<CompleteErr, C>
}

/** Handles one command: `const r = await handle({ commandId, command })()`, then `if (isLeft(r))`. */
export type CommandHandler<C, E, Err, PrepareErr = never> = <CompleteErr = never>(
  envelope: CommandEnvelope<C, CompleteErr>,
) => TaskEither<CommandHandlingError<Err> | PrepareErr | CompleteErr, CommandResult<E>>

/** A stream's state as a command handler knows it: every event up to `revision` folded. */
export interface StreamState<S> {
  /** The decider's state, folded from the stream's events (its initial state for none). */
  readonly state: S
  /** The revision of the stream's last event folded; -1n when the stream has none. */
  readonly revision: StreamRevision
}

/** A command handler that also answers a stream's current state, from what it holds. */
export type StatefulCommandHandler<C, S, E, Err, PrepareErr = never> = CommandHandler<
  C,
  E,
  Err,
  PrepareErr
> & {
  /**
   * The stream's state now, as a command would find it: the cached state (or a snapshot the stream
   * confirms) with the events stored since, folded — the whole stream when neither holds it. What
   * it folds is cached as a command's read is, so the next command starts from it.
   */
  readonly currentState: (streamName: string) => TaskEither<StoreError, StreamState<S>>
}

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The events of a command already in the stream, if it was handled before. */
const eventsOfCommand = <E>(
  history: ReadonlyArray<RecordedEvent<E>>,
  commandId: string,
  firstId: string = eventIdFor(commandId, 0),
): ReadonlyArray<RecordedEvent<E>> => {
  if (history.length === 0) return []
  const start = history.findIndex((e) => e.id === firstId)
  if (start < 0) return []
  const out: Array<RecordedEvent<E>> = []
  for (let i = start; i < history.length && history[i]?.id === eventIdFor(commandId, out.length); i++) {
    out.push(history[i] as RecordedEvent<E>)
  }
  return out
}

const replayOf = <E>(streamName: string, events: ReadonlyArray<RecordedEvent<E>>): CommandResult<E> => {
  const last = events[events.length - 1]
  return {
    streamName,
    events: events.map(({ id, revision, event, metadata }) => ({
      id,
      streamName,
      revision,
      event,
      metadata,
    })),
    nextExpectedRevision: last?.revision ?? -1n,
    position: last?.position,
    replayed: true,
  }
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * The imperative shell around a decider: read the stream (or take its cached state), fold it with
 * `evolve`, `decide`, append with the exact expected revision; the result is built from the append,
 * without reading back. A state cached by this handler is brought up to date by reading only the
 * events stored after its revision (see `stateCacheSize`). It is never decided on unread: an
 * exact expected revision also accepts a retry (events with the same ids already stored there),
 * so an append could not tell a command another writer had already handled from a new one.
 * A conflict is retried (fresh read, jittered backoff) up to `maxRetries` times, then reported as
 * `ConcurrencyConflict`. Event ids derive from the command
 * id, so a re-sent command writes nothing and returns what it wrote the first time.
 *
 * @example
 * import { journeyDecider, journeyEventCodec, journeyStreamName, type JourneyCommand } from '@parcours/domain'
 * import { createCommandHandler, getInMemoryEventStore } from '@parcours/adapters'
 *
 * const handle = createCommandHandler({
 *   store: getInMemoryEventStore({ codec: journeyEventCodec }),
 *   decider: journeyDecider,
 *   streamName: (command: JourneyCommand) => journeyStreamName(command.youthId),
 *   metadata: (command) => ({ tenant: command.missionLocaleId }),
 *   backoff: { baseMs: 10 },
 * })
 * declare const command: JourneyCommand
 * const result = await handle({ commandId: 'cmd-1', command })()
 * if (result._tag === 'Left') console.error(result.left._tag) // 'Rejected', 'ConcurrencyConflict', a store error
 * else console.log(result.right.events.length, result.right.replayed) // replayed: true for a re-sent command
 */
export const createCommandHandler = <C, S, E extends { readonly type: string }, Err, PrepareErr = never>(
  options: CommandHandlerOptions<C, S, E, Err, PrepareErr>,
): StatefulCommandHandler<C, S, E, Err, PrepareErr> => {
  const { store, decider } = options
  // Below zero would mean no attempt at all, and nothing to report.
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 5))
  const baseMs = options.backoff?.baseMs ?? 10
  const random = options.backoff?.random ?? Math.random
  const sleep = options.backoff?.sleep ?? timer
  const log = options.logger?.child({ module: 'commandHandler' })
  const cacheSize = Math.max(0, Math.floor(options.stateCacheSize ?? 10_000))
  const { snapshots } = options
  const snapshotEvery = BigInt(Math.max(1, Math.floor(options.snapshotEvery ?? 100)))
  const cache = new Map<string, CachedState<S>>()
  const save = (streamName: string, entry: CachedState<S>) => {
    if (snapshots === undefined || entry.last === undefined) return
    try {
      snapshots.save({
        streamName,
        revision: entry.revision,
        lastEventId: entry.last.id,
        lastEventPosition: entry.last.position,
        state: entry.state,
        idDigests: [...entry.ids],
      })
    } catch (err) {
      // A snapshot is a cache: the command stands on its events.
      log?.warn({ err, streamName }, 'cannot save the state snapshot')
    }
  }
  const remember = (streamName: string, entry: CachedState<S>) => {
    let kept = entry
    if (snapshots !== undefined && entry.revision - entry.snapshotRevision >= snapshotEvery) {
      save(streamName, entry)
      kept = { ...entry, snapshotRevision: entry.revision }
    }
    if (cacheSize === 0) return
    const known = cache.get(streamName)
    if (known !== undefined && known.revision >= kept.revision) return
    // Most recently used last: the first key is the one to evict.
    cache.delete(streamName)
    cache.set(streamName, kept)
    if (cache.size > cacheSize) {
      const [name, oldest] = cache.entries().next().value as [string, CachedState<S>]
      cache.delete(name)
      // What the cache lets go is saved, unless the stream's last snapshot is that state already.
      if (oldest.revision > oldest.snapshotRevision) save(name, oldest)
    }
  }

  /**
   * The stream's snapshot, if it holds one that the stream confirms, and the events after it: one
   * read from the snapshot's revision, whose first event must be the one the snapshot names.
   */
  const restore = async (
    streamName: string,
  ): Promise<
    Either<
      StoreError,
      { readonly known: CachedState<S>; readonly tail: ReadonlyArray<RecordedEvent<E>> } | undefined
    >
  > => {
    if (snapshots === undefined) return right(undefined)
    let loaded: Either<StoreError, StateSnapshot<S> | undefined>
    try {
      loaded = await snapshots.load(streamName)()
    } catch (e) {
      loaded = left({ _tag: 'StoreUnavailable', message: e instanceof Error ? e.message : String(e) })
    }
    if (loaded._tag === 'Left') {
      log?.warn({ err: loaded.left, streamName }, 'cannot load the state snapshot: reading the whole stream')
      return right(undefined)
    }
    const snapshot = loaded.right
    if (snapshot === undefined) return right(undefined)
    const read = await store.readStream(streamName, { fromRevision: snapshot.revision })()
    if (read._tag === 'Left') return read
    const at = read.right[0]
    if (
      at?.revision !== snapshot.revision ||
      at.id !== snapshot.lastEventId ||
      at.position !== snapshot.lastEventPosition
    ) {
      log?.debug(
        { streamName, revision: String(snapshot.revision) },
        'the stream does not confirm its state snapshot',
      )
      return right(undefined)
    }
    return right({
      known: {
        revision: snapshot.revision,
        last: { id: snapshot.lastEventId, position: snapshot.lastEventPosition },
        snapshotRevision: snapshot.revision,
        state: snapshot.state,
        ids: new Set(snapshot.idDigests),
      },
      tail: read.right.slice(1),
    })
  }

  /**
   * The stream's state and revision: the cached state (if any) with the events appended since,
   * read from the store. Events never change once stored, so a state folded up to a revision stays
   * right whoever appends after it; a stale one only costs a conflict and a retry. `handledBefore`:
   * the event `firstId` may lie before the cached (or restored) revision (its digest is known).
   */
  const caughtUp = async (
    streamName: string,
    firstId?: string,
  ): Promise<
    Either<
      StoreError,
      {
        readonly cached: CachedState<S>
        readonly tail: ReadonlyArray<RecordedEvent<E>>
        readonly handledBefore: boolean
      }
    >
  > => {
    let known = cache.get(streamName)
    let tail: ReadonlyArray<RecordedEvent<E>> | undefined
    if (known === undefined) {
      const restored = await restore(streamName)
      if (restored._tag === 'Left') return restored
      if (restored.right !== undefined) ({ known, tail } = restored.right)
    }
    const restoredOne = tail !== undefined
    if (tail === undefined) {
      const read = await store.readStream(
        streamName,
        known === undefined ? {} : { fromRevision: known.revision + 1n },
      )()
      if (read._tag === 'Left') return read
      tail = read.right
    }
    const handledBefore = firstId !== undefined && known?.ids.has(eventIdDigest(firstId)) === true
    const ids = known?.ids ?? new Set<number>()
    for (const e of tail) ids.add(eventIdDigest(e.id))
    const last = tail[tail.length - 1]
    const cached: CachedState<S> = {
      revision: last?.revision ?? known?.revision ?? -1n,
      last: last === undefined ? known?.last : { id: last.id, position: last.position },
      snapshotRevision: known?.snapshotRevision ?? -1n,
      state: tail.reduce((s, e) => decider.evolve(s, e.event), known?.state ?? decider.initialState),
      ids,
    }
    if (tail.length > 0 || restoredOne) remember(streamName, cached)
    return right({ cached, tail, handledBefore })
  }

  /** The stream's state and revision, and the events of the command `commandId` if it was handled. */
  const stateOf = async (
    streamName: string,
    commandId: string,
    firstId: string,
  ): Promise<
    Either<StoreError, { readonly cached: CachedState<S>; readonly earlier: ReadonlyArray<RecordedEvent<E>> }>
  > => {
    const caught = await caughtUp(streamName, firstId)
    if (caught._tag === 'Left') return caught
    const { cached, tail, handledBefore } = caught.right
    // A command handled before the cached (or restored) revision: its events are read back (none
    // when another id has the same digest: the command is then new).
    if (handledBefore) {
      const whole = await store.readStream(streamName)()
      if (whole._tag === 'Left') return whole
      return right({ cached, earlier: eventsOfCommand(whole.right, commandId, firstId) })
    }
    return right({ cached, earlier: eventsOfCommand(tail, commandId, firstId) })
  }

  type Attempt<CompleteErr> = Either<CommandHandlingError<Err> | PrepareErr | CompleteErr, CommandResult<E>>
  const prepare = async (command: C, state: S): Promise<Either<PrepareErr, C>> =>
    options.prepare === undefined ? right(command) : options.prepare(command, state)()

  const attempt = async <CompleteErr>(
    { commandId, command, correlationId }: CommandEnvelope<C, CompleteErr>,
    complete: (() => Promise<Either<CompleteErr, C>>) | undefined,
    streamName: string,
  ): Promise<Attempt<CompleteErr> | WrongExpectedRevision> => {
    const firstId = eventIdFor(commandId, 0)
    const read = await stateOf(streamName, commandId, firstId)
    if (read._tag === 'Left') return read.left._tag === 'WrongExpectedRevision' ? read.left : read
    const { cached, earlier } = read.right
    if (earlier.length > 0) return right(replayOf(streamName, earlier))

    const { state } = cached
    const current = cached.revision
    const prepared = await prepare(command, state)
    if (prepared._tag === 'Left') return prepared
    let toRecord = prepared.right
    let decision = decider.decide(toRecord, state)
    if (decision._tag === 'Right' && decision.right.length > 0 && complete !== undefined) {
      const completed = await complete()
      if (completed._tag === 'Left') return completed
      const again = await prepare(completed.right, state)
      if (again._tag === 'Left') return again
      toRecord = again.right
      decision = decider.decide(toRecord, state)
    }
    if (decision._tag === 'Left') return left({ _tag: 'Rejected', error: decision.left })
    if (decision.right.length === 0) {
      return right({
        streamName,
        events: [],
        nextExpectedRevision: current,
        position: undefined,
        replayed: false,
      })
    }

    const base = options.metadata?.(toRecord) ?? {}
    const metadata: EventMetadata = {
      ...base,
      correlationId: correlationId ?? base.correlationId ?? commandId,
      causationId: commandId,
    }
    const events = decision.right.map((event, index) => ({
      id: index === 0 ? firstId : eventIdFor(commandId, index),
      streamName,
      revision: current + 1n + BigInt(index),
      event,
      metadata,
    }))
    const expected: ExpectedRevision = current < 0n ? 'no-stream' : current
    const appended = await store.append(
      streamName,
      expected,
      events.map(({ id, event }) => ({ id, event, metadata })),
    )()
    if (appended._tag === 'Left') {
      return appended.left._tag === 'WrongExpectedRevision' ? appended.left : appended
    }
    // A re-sent command is spotted by its first event's id: the others need no room here.
    cached.ids.add(eventIdDigest(firstId))
    remember(streamName, {
      revision: appended.right.nextExpectedRevision,
      last: {
        id: (events[events.length - 1] as (typeof events)[number]).id,
        position: appended.right.position,
      },
      snapshotRevision: cached.snapshotRevision,
      state: decision.right.reduce((s, e) => decider.evolve(s, e), state),
      ids: cached.ids,
    })
    // The append says where the last event went; the others precede it in the stream.
    return right({
      streamName,
      events,
      nextExpectedRevision: appended.right.nextExpectedRevision,
      position: appended.right.position,
      replayed: false,
    })
  }

  /** A command's `complete`, run once and remembered across the retries of one call. */
  const once = <CompleteErr>(envelope: CommandEnvelope<C, CompleteErr>) => {
    const complete = envelope.complete
    if (complete === undefined) return undefined
    let result: Promise<Either<CompleteErr, C>> | undefined
    return () => (result ??= complete(envelope.command)())
  }

  const currentState =
    (streamName: string): TaskEither<StoreError, StreamState<S>> =>
    async () => {
      const caught = await caughtUp(streamName)
      if (caught._tag === 'Left') return caught
      const { state, revision } = caught.right.cached
      return right({ state, revision })
    }

  const handle =
    <CompleteErr = never>(envelope: CommandEnvelope<C, CompleteErr>) =>
    async (): Promise<Attempt<CompleteErr>> => {
      const streamName = options.streamName(envelope.command)
      const complete = once(envelope)
      let conflict: WrongExpectedRevision | undefined
      for (let attempts = 1; attempts <= maxRetries + 1;) {
        const result = await attempt(envelope, complete, streamName)
        if (result._tag !== 'WrongExpectedRevision') return result
        conflict = result
        log?.debug({ streamName, commandId: envelope.commandId, attempts }, 'conflict, retrying')
        attempts++
        if (attempts <= maxRetries + 1) await sleep(random() * baseMs * 2 ** (attempts - 2))
      }
      const last = conflict as WrongExpectedRevision
      log?.warn(
        { streamName, commandId: envelope.commandId, attempts: maxRetries + 1 },
        'giving up after conflicts',
      )
      const error: CommandHandlingError<Err> | CompleteErr = {
        _tag: 'ConcurrencyConflict',
        streamName,
        attempts: maxRetries + 1,
        expected: last.expected,
        actual: last.actual,
      }
      return left(error)
    }
  return Object.assign(handle, { currentState })
}
