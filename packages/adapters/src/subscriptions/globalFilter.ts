import type { GlobalFilter } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/** Whether an event of this stream and type passes the filter. An empty list constrains nothing. */
export const matchesFilter = (
  filter: GlobalFilter | undefined,
  streamName: string,
  eventType: string,
): boolean => {
  const prefixes = filter?.streamPrefixes
  const types = filter?.eventTypes
  return (
    (prefixes === undefined || prefixes.length === 0 || prefixes.some((p) => streamName.startsWith(p))) &&
    (types === undefined || types.length === 0 || types.includes(eventType))
  )
}
