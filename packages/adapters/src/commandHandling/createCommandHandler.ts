import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import type {
  Decider,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  RecordedEvent,
  WrongExpectedRevision,
} from '@parcours/domain'
import type { CommandHandlingError, CommandResult } from './commandHandlingError.js'
import { eventIdFor } from './eventIdFor.js'

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
export interface CommandHandlerOptions<C, S, E extends { readonly type: string }, Err> {
  readonly store: EventStore<E>
  readonly decider: Decider<C, S, E, Err>
  readonly streamName: (command: C) => string
  /** Metadata for the events of a command (e.g. the tenant); correlation and causation are set here. */
  readonly metadata?: (command: C) => EventMetadata
  /** Retries after a conflict before giving up. Default 5. */
  readonly maxRetries?: number
  /** Default: base 10 ms. */
  readonly backoff?: Backoff
  readonly logger?: Logger
}

/** A command to handle: its id makes it idempotent; the correlation id defaults to it. */
export interface CommandEnvelope<C> {
  readonly commandId: string
  readonly command: C
  readonly correlationId?: string
}

/** Handles one command: `const r = await handle({ commandId, command })()`, then `if (isLeft(r))`. */
export type CommandHandler<C, E, Err> = (
  envelope: CommandEnvelope<C>,
) => TaskEither<CommandHandlingError<Err>, CommandResult<E>>

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The events of a command already in the stream, if it was handled before. */
const eventsOfCommand = <E>(
  history: ReadonlyArray<RecordedEvent<E>>,
  commandId: string,
): ReadonlyArray<RecordedEvent<E>> => {
  const firstId = eventIdFor(commandId, 0)
  const start = history.findIndex((e) => e.id === firstId)
  if (start < 0) return []
  const out: Array<RecordedEvent<E>> = []
  for (let i = start; i < history.length && history[i]?.id === eventIdFor(commandId, out.length); i++) {
    out.push(history[i] as RecordedEvent<E>)
  }
  return out
}

const resultOf = <E>(
  streamName: string,
  events: ReadonlyArray<RecordedEvent<E>>,
  replayed: boolean,
): CommandResult<E> => {
  const last = events[events.length - 1]
  return {
    streamName,
    events,
    nextExpectedRevision: last?.revision ?? -1n,
    position: last?.position,
    replayed,
  }
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * The imperative shell around a decider: read the stream, fold it with `evolve`, `decide`, append
 * with the exact expected revision. A conflict is retried (fresh read, jittered backoff) up to
 * `maxRetries` times, then reported as `ConcurrencyConflict`. Event ids derive from the command
 * id, so a re-sent command writes nothing and returns what it wrote the first time.
 */
export const createCommandHandler = <C, S, E extends { readonly type: string }, Err>(
  options: CommandHandlerOptions<C, S, E, Err>,
): CommandHandler<C, E, Err> => {
  const { store, decider } = options
  // Below zero would mean no attempt at all, and nothing to report.
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 5))
  const baseMs = options.backoff?.baseMs ?? 10
  const random = options.backoff?.random ?? Math.random
  const sleep = options.backoff?.sleep ?? timer
  const log = options.logger?.child({ module: 'commandHandler' })

  type Attempt = Either<CommandHandlingError<Err>, CommandResult<E>>

  const attempt = async (
    { commandId, command, correlationId }: CommandEnvelope<C>,
    streamName: string,
  ): Promise<Attempt> => {
    const read = await store.readStream(streamName)()
    if (read._tag === 'Left') return read
    const history = read.right
    const earlier = eventsOfCommand(history, commandId)
    if (earlier.length > 0) return right(resultOf(streamName, earlier, true))

    const decision = decider.decide(
      command,
      history.reduce((s, e) => decider.evolve(s, e.event), decider.initialState),
    )
    if (decision._tag === 'Left') return left({ _tag: 'Rejected', error: decision.left })
    const current = history[history.length - 1]?.revision ?? -1n
    if (decision.right.length === 0) {
      return right({
        streamName,
        events: [],
        nextExpectedRevision: current,
        position: undefined,
        replayed: false,
      })
    }

    const base = options.metadata?.(command) ?? {}
    const metadata: EventMetadata = {
      ...base,
      correlationId: correlationId ?? base.correlationId ?? commandId,
      causationId: commandId,
    }
    const expected: ExpectedRevision = current < 0n ? 'no-stream' : current
    const appended = await store.append(
      streamName,
      expected,
      decision.right.map((event, index) => ({ id: eventIdFor(commandId, index), event, metadata })),
    )()
    if (appended._tag === 'Left') return appended
    const written = await store.readStream(streamName, {
      fromRevision: current + 1n,
      maxCount: decision.right.length,
    })()
    if (written._tag === 'Left') return written
    return right(resultOf(streamName, written.right, false))
  }

  return (envelope) => async () => {
    const streamName = options.streamName(envelope.command)
    let conflict: WrongExpectedRevision | undefined
    for (let attempts = 1; attempts <= maxRetries + 1; attempts++) {
      if (attempts > 1) await sleep(random() * baseMs * 2 ** (attempts - 2))
      const result = await attempt(envelope, streamName)
      if (result._tag === 'Right' || result.left._tag !== 'WrongExpectedRevision') return result
      conflict = result.left
      log?.debug({ streamName, commandId: envelope.commandId, attempts }, 'conflict, retrying')
    }
    const last = conflict as WrongExpectedRevision
    log?.warn(
      { streamName, commandId: envelope.commandId, attempts: maxRetries + 1 },
      'giving up after conflicts',
    )
    const error: CommandHandlingError<Err> = {
      _tag: 'ConcurrencyConflict',
      streamName,
      attempts: maxRetries + 1,
      expected: last.expected,
      actual: last.actual,
    }
    return left(error)
  }
}
