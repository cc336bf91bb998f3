import { streamsPb, type StreamsPb } from '../protocol.js'
import type { StoredRecord } from './standInData.js'

// ---------------------------------------------------------------------------------------------
// The server-side filter of `$all` reads and subscriptions: on the stream name or the event type,
// by a prefix list or else a regex; a subscription checkpoints every `window × multiplier` events
// scanned.
// ---------------------------------------------------------------------------------------------

/** A filter read from the request. */
export interface AllFilter {
  readonly matches: (record: StoredRecord) => boolean
  /** Events scanned (matching or not) between two checkpoints of a subscription. */
  readonly checkpointInterval: number
}

const DEFAULT_WINDOW = 32

/** The filter of a Read request, or undefined when it asks for none. */
export const allFilterOf = (options: StreamsPb.ReadReq.Options): AllFilter | undefined => {
  const filter = options.getFilter()
  if (filter === undefined) return undefined
  const onStream = filter.hasStreamIdentifier()
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType()
  const prefixes = expression?.getPrefixList() ?? []
  const regex = expression?.getRegex() ?? ''
  const pattern = regex === '' ? undefined : new RegExp(regex)
  const test = (value: string): boolean =>
    prefixes.length > 0
      ? prefixes.some((p) => value.startsWith(p))
      : pattern === undefined || pattern.test(value)
  const window =
    filter.getWindowCase() === streamsPb.ReadReq.Options.FilterOptions.WindowCase.MAX
      ? filter.getMax()
      : DEFAULT_WINDOW
  const multiplier = filter.getCheckpointintervalmultiplier()
  return {
    matches: (record) => test(onStream ? record.streamName : record.type),
    checkpointInterval: Math.max(1, window) * Math.max(1, multiplier),
  }
}
