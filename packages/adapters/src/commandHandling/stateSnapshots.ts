import { right } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { GlobalPosition, StoreError, StreamRevision } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model: a stream's folded state saved by a command handler, so that a handler which does not
// hold it in memory (a new process, a stream its cache let go) reads only the events after it.
// ---------------------------------------------------------------------------------------------

/**
 * A stream's state as a command handler folded it up to `revision`. `lastEventId` and
 * `lastEventPosition` are the id and global position of the event at `revision`: a handler takes
 * a snapshot only when the stream still holds that event there (a stream deleted and written
 * again, or a store restored from an older backup, does not match). `idDigests` are the digests
 * (`eventIdDigest`) of the ids the handler spots a re-sent command by (see `createCommandHandler`).
 */
export interface StateSnapshot<S> {
  readonly streamName: string
  readonly revision: StreamRevision
  readonly lastEventId: string
  readonly lastEventPosition: GlobalPosition
  readonly state: S
  readonly idDigests: ReadonlyArray<number>
}

/**
 * Where a command handler keeps the states it folded (`createCommandHandler`'s `snapshots`).
 * Snapshots are a cache: the events stay the truth, a lost or refused snapshot costs a longer
 * read, never a wrong decision. `save` hands one over and returns at once: an implementation may
 * write it later, grouped with others, and reports its failures to its own log.
 */
export interface StateSnapshots<S> {
  /** The latest snapshot of the stream, or undefined: none, or one of another state version. */
  readonly load: (streamName: string) => TaskEither<StoreError, StateSnapshot<S> | undefined>
  /**
   * Keeps the snapshot in place of the stream's last one. Two handlers may save in either order:
   * an older snapshot kept last only costs the next reader a longer read.
   */
  readonly save: (snapshot: StateSnapshot<S>) => void
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * Snapshots in a Map, each kept as its JSON (as a persisted one would be: nothing shared with
 * the handler's state). For tests and for embedding beside an in-memory store.
 */
export const getInMemoryStateSnapshots = <S>(): StateSnapshots<S> & {
  /** How many streams have a snapshot. */
  readonly size: () => number
} => {
  const kept = new Map<
    string,
    { readonly revision: StreamRevision; readonly position: GlobalPosition; readonly json: string }
  >()
  return {
    load: (streamName) => async () => {
      const found = kept.get(streamName)
      if (found === undefined) return right(undefined)
      const { lastEventId, state, idDigests } = JSON.parse(found.json) as Pick<
        StateSnapshot<S>,
        'lastEventId' | 'state' | 'idDigests'
      >
      return right({
        streamName,
        revision: found.revision,
        lastEventId,
        lastEventPosition: found.position,
        state,
        idDigests,
      })
    },
    save: ({ streamName, revision, lastEventId, lastEventPosition, state, idDigests }) => {
      kept.set(streamName, {
        revision,
        position: lastEventPosition,
        json: JSON.stringify({ lastEventId, state, idDigests }),
      })
    },
    size: () => kept.size,
  }
}
