import type { ActualRevision, ExpectedRevision, StreamRevision } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model: what a store needs to know about a stream to apply the port's append rules.
// ---------------------------------------------------------------------------------------------

/** A store's view of one stream, inside the transaction that appends to it. */
export interface StreamView {
  /** The revision of the stream's last event, -1n when it does not exist. */
  readonly current: StreamRevision
  /** The id of the event at this revision of the stream, if any. */
  readonly idAt: (revision: StreamRevision) => string | undefined
  /** The revision of the event with this id in this stream, if it is there. */
  readonly revisionOf: (id: string) => StreamRevision | undefined
  /** Whether an event with this id is stored anywhere. */
  readonly isIdTaken: (id: string) => boolean
}

/** What to do with a batch: write it, report it as already written (a retry), or refuse it. */
export type AppendDecision =
  | { readonly _tag: 'Write' }
  | { readonly _tag: 'AlreadyWritten'; readonly lastRevision: StreamRevision }
  | { readonly _tag: 'Conflict'; readonly actual: ActualRevision }

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/** The actual revision to report for a stream at `current`. */
export const actualRevision = (current: StreamRevision): ActualRevision =>
  current < 0n ? 'no-stream' : current

/** Whether the expectation holds for a stream at `current`. */
export const expectationHolds = (expected: ExpectedRevision, current: StreamRevision): boolean => {
  switch (expected) {
    case 'any':
      return true
    case 'exists':
      return current >= 0n
    case 'no-stream':
      return current < 0n
    default:
      return expected === current
  }
}

/**
 * The port's append rules, the same in every store (and as EventStoreDB applies them): a batch
 * whose ids already sit in the stream consecutively, in order, is a retry and writes nothing — for
 * `no-stream` and exact revisions right after the expected revision, for `any` and `exists`
 * wherever they sit. An id stored anywhere else makes the batch a conflict, never a duplicate.
 *
 * @example
 * import { resolveAppend, type StreamView } from '@parcours/adapters/kit'
 *
 * // What the store knows of the stream, inside its write transaction: two events, ids a and b.
 * const ids = ['a', 'b']
 * const view: StreamView = {
 *   current: 1n,
 *   idAt: (revision) => ids[Number(revision)],
 *   revisionOf: (id) => (ids.includes(id) ? BigInt(ids.indexOf(id)) : undefined),
 *   isIdTaken: (id) => ids.includes(id),
 * }
 * resolveAppend(1n, ['c'], view) // { _tag: 'Write' }
 * resolveAppend(0n, ['b'], view) // { _tag: 'AlreadyWritten', lastRevision: 1n }: a retry
 * resolveAppend(0n, ['c'], view) // { _tag: 'Conflict', actual: 1n }
 */
export const resolveAppend = (
  expected: ExpectedRevision,
  ids: ReadonlyArray<string>,
  view: StreamView,
): AppendDecision => {
  const { current } = view
  const conflict: AppendDecision = { _tag: 'Conflict', actual: actualRevision(current) }
  const replayFrom = (start: StreamRevision): AppendDecision | undefined =>
    ids.length > 0 && ids.every((id, i) => view.idAt(start + BigInt(i)) === id)
      ? { _tag: 'AlreadyWritten', lastRevision: start + BigInt(ids.length - 1) }
      : undefined
  const writeIfIdsFree = (): AppendDecision =>
    (ids.length === 1 || new Set(ids).size === ids.length) && !ids.some(view.isIdTaken)
      ? { _tag: 'Write' }
      : conflict

  if (ids.length === 0) {
    return expectationHolds(expected, current) ? { _tag: 'AlreadyWritten', lastRevision: current } : conflict
  }
  if (expected === 'exists' && current < 0n) return conflict
  switch (expected) {
    case 'exists':
    case 'any': {
      const first = view.revisionOf(ids[0] ?? '')
      return (first === undefined ? undefined : replayFrom(first)) ?? writeIfIdsFree()
    }
    case 'no-stream':
      return current < 0n ? writeIfIdsFree() : (replayFrom(0n) ?? conflict)
    default:
      if (expected === current) return writeIfIdsFree()
      return expected < current && expected >= -1n ? (replayFrom(expected + 1n) ?? conflict) : conflict
  }
}
