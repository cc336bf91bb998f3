import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import {
  JOURNEY_STREAM_PREFIX,
  type DecodeFailed,
  type EventStore,
  type GlobalPosition,
  type JourneyEvent,
  type RecordedEvent,
  type StoreError,
} from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// utils: read the whole global log page by page, going on past events that fail to decode
// ---------------------------------------------------------------------------------------------

/** What a scan of the log found. */
export interface LogScan {
  readonly events: number
  readonly bad: ReadonlyArray<DecodeFailed>
}

const PAGE = 2000

/**
 * Reads every journey event in log order, calling `onEvent` for each; an event that fails to decode
 * is collected and the scan resumes right after it. Other store failures end the scan with their error.
 *
 * Pages start at the last position read (a position the store gave: EventStoreDB refuses reads
 * from a position where no event starts) and drop that event. Stepping over an undecodable event
 * reads from the position after it, which EventStoreDB may refuse: the scan then ends with that
 * error. `const r = await scanJourneyLog(store, onEvent)()`.
 */
export const scanJourneyLog =
  (
    store: EventStore<JourneyEvent>,
    onEvent: (recorded: RecordedEvent<JourneyEvent>) => void = () => undefined,
    pageSize = PAGE,
  ): TaskEither<StoreError, LogScan> =>
  async (): Promise<Either<StoreError, LogScan>> => {
    const bad: DecodeFailed[] = []
    let events = 0
    // Everything at or before `done` is handled; reads start at `from` (inclusive).
    let done: GlobalPosition | undefined
    let from: GlobalPosition | undefined
    const read = (maxCount: number) =>
      store.readAll({
        maxCount,
        filter: { streamPrefixes: [JOURNEY_STREAM_PREFIX] },
        ...(from === undefined ? {} : { fromPosition: from }),
      })()
    const take = (recorded: RecordedEvent<JourneyEvent>) => {
      if (done !== undefined && recorded.position <= done) return
      events += 1
      onEvent(recorded)
      done = recorded.position
    }
    for (;;) {
      const page = await read(pageSize + 1)
      if (isLeft(page)) {
        if (page.left._tag !== 'DecodeFailed') return left(page.left)
        // The events before the bad one did decode: take them one at a time up to it, then skip it.
        const failed = page.left
        for (;;) {
          // From the last event taken, read it again with the next; from a skipped one, the next only.
          const one = await read(from !== undefined && from === done ? 2 : 1)
          if (isLeft(one)) {
            if (one.left._tag !== 'DecodeFailed') return left(one.left)
            bad.push(one.left)
            done = one.left.position
            from = one.left.position + 1n
            if (one.left.position >= failed.position) break
            continue
          }
          const next = one.right.find((recorded) => done === undefined || recorded.position > done)
          if (next === undefined) break
          take(next)
          from = next.position
        }
        continue
      }
      page.right.forEach(take)
      const last = page.right[page.right.length - 1]
      if (last === undefined || page.right.length < pageSize + 1) return right({ events, bad })
      from = last.position
    }
  }
