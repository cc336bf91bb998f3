import type { GlobalFilter } from '@parcours/domain'
import { sharedPb, streamsPb, type StreamsPb } from './protocol.js'

// ---------------------------------------------------------------------------------------------
// utils: our global filter as the server filter of a `$all` read or subscription. The server
// takes one expression (on stream names or on event types), so the stream prefixes go to the
// server when given, the event types otherwise, and system events are kept out either way; what
// the server cannot check, `keep` checks on arrival.
// ---------------------------------------------------------------------------------------------

/** A server filter and the check that completes it on our side. */
export interface ServerFilter {
  readonly options: StreamsPb.ReadReq.Options.FilterOptions
  readonly keep: (streamName: string, eventType: string) => boolean
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Events the server writes for itself: types and metadata streams starting with `$`. */
export const isSystemEvent = (streamName: string, eventType: string): boolean =>
  eventType.startsWith('$') || streamName.startsWith('$$')

/**
 * The prefixes both lists allow: for each pair where one starts with the other, the longer one.
 * Empty when they share nothing.
 */
const narrowed = (asked: ReadonlyArray<string>, owned: ReadonlyArray<string>): ReadonlyArray<string> => [
  ...new Set(
    asked.flatMap((p) => owned.flatMap((c) => (p.startsWith(c) ? [p] : c.startsWith(p) ? [c] : []))),
  ),
]

/**
 * The server filter for our filter. A subscription passes its checkpoint interval; a read passes
 * none and lets the server scan with its default window. `categories`, when given, are the
 * stream prefixes the application owns: the server is then always asked for streams under them,
 * so other applications' events never reach the decoder.
 */
export const serverFilter = (
  filter: GlobalFilter | undefined,
  checkpointInterval?: number,
  categories?: ReadonlyArray<string>,
): ServerFilter => {
  const asked = filter?.streamPrefixes ?? []
  const owned = categories ?? []
  const shared = owned.length > 0 && asked.length > 0 ? narrowed(asked, owned) : asked
  // Nothing asked lies under our categories: ask for the categories, keep nothing.
  const nothing = owned.length > 0 && asked.length > 0 && shared.length === 0
  const prefixes = owned.length === 0 ? asked : asked.length === 0 || nothing ? owned : shared
  const types = filter?.eventTypes ?? []
  const expression = new streamsPb.ReadReq.Options.FilterOptions.Expression()
  const options = new streamsPb.ReadReq.Options.FilterOptions()
  if (prefixes.length > 0) options.setStreamIdentifier(expression.setPrefixList([...prefixes]))
  else if (types.length > 0)
    options.setEventType(expression.setRegex(`^(?:${types.map(escapeRegex).join('|')})$`))
  else options.setEventType(expression.setRegex('^[^$].*'))
  // The checkpoint interval is window × multiplier: a window of the interval and a multiplier of 1.
  if (checkpointInterval === undefined) options.setCount(new sharedPb.Empty())
  else options.setMax(Math.max(1, checkpointInterval))
  options.setCheckpointintervalmultiplier(1)
  return {
    options,
    keep: (streamName, eventType) =>
      !nothing &&
      !isSystemEvent(streamName, eventType) &&
      (prefixes.length === 0 || prefixes.some((p) => streamName.startsWith(p))) &&
      (types.length === 0 || types.includes(eventType)),
  }
}

/** A `$all` request from a position: `start`, inclusive (reads forwards), or exclusive (subscriptions, reads backwards). */
export const allOptions = (from: 'start' | 'end' | bigint): StreamsPb.ReadReq.Options.AllOptions => {
  const all = new streamsPb.ReadReq.Options.AllOptions()
  // No event sits before position 0; a negative position would not even serialise (uint64).
  if (from === 'start' || (typeof from === 'bigint' && from < 0n)) return all.setStart(new sharedPb.Empty())
  if (from === 'end') return all.setEnd(new sharedPb.Empty())
  return all.setPosition(
    new streamsPb.ReadReq.Options.Position()
      .setCommitPosition(from.toString())
      .setPreparePosition(from.toString()),
  )
}

/** A `$all` request from a full position (a subscription resuming after a page-start checkpoint). */
export const allOptionsAt = (from: {
  readonly commit: bigint
  readonly prepare: bigint
}): StreamsPb.ReadReq.Options.AllOptions =>
  from.commit < 0n
    ? allOptions('start')
    : new streamsPb.ReadReq.Options.AllOptions().setPosition(
        new streamsPb.ReadReq.Options.Position()
          .setCommitPosition(from.commit.toString())
          .setPreparePosition((from.prepare < 0n ? 0n : from.prepare).toString()),
      )
