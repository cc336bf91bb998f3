import type {
  ActualRevision,
  ExpectedRevision,
  GlobalPosition,
  RecordedEvent,
  StoreError,
  StreamRevision,
} from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** The decider refused the command. */
export interface Rejected<Err> {
  readonly _tag: 'Rejected'
  readonly error: Err
}

/** Other writers kept changing the stream: every attempt met a newer revision. */
export interface ConcurrencyConflict {
  readonly _tag: 'ConcurrencyConflict'
  readonly streamName: string
  readonly attempts: number
  /** The expectation of the last attempt, and the revision the store reported. */
  readonly expected: ExpectedRevision
  readonly actual: ActualRevision
}

/** Every error handling a command can end with; store errors other than conflicts pass through. */
export type CommandHandlingError<Err> = Rejected<Err> | ConcurrencyConflict | StoreError

/** An event a command wrote: what the handler appended, at the revision the append gave it. */
export type WrittenEvent<E> = Pick<RecordedEvent<E>, 'id' | 'streamName' | 'revision' | 'event' | 'metadata'>

/** What a handled command wrote (or, for a re-sent command, had written the first time). */
export interface CommandResult<E> {
  readonly streamName: string
  /** The events of this command, in stream order; empty when the decider decided nothing. */
  readonly events: ReadonlyArray<WrittenEvent<E>>
  /** The stream's revision after the command (-1n for a stream that still does not exist). */
  readonly nextExpectedRevision: StreamRevision
  /** The global position of the command's last event, if it wrote any. */
  readonly position: GlobalPosition | undefined
  /** True when the command had already been handled and nothing new was written. */
  readonly replayed: boolean
}
