import { isLeft } from 'fp-ts/lib/Either.js'
import {
  JOURNEY_STREAM_PREFIX,
  type DecodeFailed,
  type EventStore,
  type GlobalPosition,
  type JourneyEvent,
  type RecordedEvent,
} from '@parcours/domain'
import { infrastructureError } from '../cli/errors.js'
import { describeStoreError } from './errors.js'

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
 * is collected and the scan resumes right after it. Other store failures are thrown as exit 3.
 */
export const scanLog = async (
  store: EventStore<JourneyEvent>,
  onEvent: (recorded: RecordedEvent<JourneyEvent>) => void = () => undefined,
): Promise<LogScan> => {
  const bad: DecodeFailed[] = []
  let events = 0
  let fromPosition: GlobalPosition | undefined
  const read = (maxCount: number) =>
    store.readAll({ maxCount, filter: { streamPrefixes: [JOURNEY_STREAM_PREFIX] }, ...(fromPosition === undefined ? {} : { fromPosition }) })()
  for (;;) {
    const page = await read(PAGE)
    if (isLeft(page)) {
      if (page.left._tag !== 'DecodeFailed') throw infrastructureError(describeStoreError(page.left))
      // The events before the bad one did decode: take them one at a time up to it, then skip it.
      const failed = page.left
      for (;;) {
        const one = await read(1)
        if (isLeft(one)) {
          if (one.left._tag !== 'DecodeFailed') throw infrastructureError(describeStoreError(one.left))
          bad.push(one.left)
          fromPosition = one.left.position + 1n
          if (one.left.position >= failed.position) break
          continue
        }
        const recorded = one.right[0]
        if (recorded === undefined) break
        events += 1
        onEvent(recorded)
        fromPosition = recorded.position + 1n
      }
      continue
    }
    for (const recorded of page.right) {
      events += 1
      onEvent(recorded)
    }
    const last = page.right[page.right.length - 1]
    if (last === undefined || page.right.length < PAGE) return { events, bad }
    fromPosition = last.position + 1n
  }
}
