import { right } from 'fp-ts/lib/Either.js'
import type { EventStore, JourneyEvent, ReadStreamOptions, RecordedEvent } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// a stream cache for the demo: it owns a fresh store, so nobody else writes its streams
// ---------------------------------------------------------------------------------------------

const slice = <E>(
  events: ReadonlyArray<RecordedEvent<E>>,
  o: ReadStreamOptions,
): ReadonlyArray<RecordedEvent<E>> => {
  const max = o.maxCount ?? Number.POSITIVE_INFINITY
  if (o.direction === 'backwards') {
    const end =
      o.fromRevision === undefined ? events.length : Math.min(events.length, Number(o.fromRevision) + 1)
    return events.slice(Math.max(0, end - max), end).reverse()
  }
  const start = o.fromRevision === undefined ? 0 : Number(o.fromRevision)
  return events.slice(start, start + max)
}

/**
 * An event store that keeps every stream it has read in memory and, after an append, reads back
 * only the new events. The command handler reads a whole stream before each command; with this,
 * each stored event is decoded once instead of once per later command of its journey. Correct
 * only while this process is the stream's one writer — true of the demo, which fills a fresh store.
 */
export const withWriteThroughCache = (inner: EventStore<JourneyEvent>): EventStore<JourneyEvent> => {
  const cache = new Map<string, Array<RecordedEvent<JourneyEvent>>>()
  const stale = new Set<string>()
  return {
    ...inner,
    append: (streamName, expected, events) => async () => {
      const r = await inner.append(streamName, expected, events)()
      if (r._tag === 'Right' && events.length > 0) stale.add(streamName)
      return r
    },
    readStream:
      (streamName, options = {}) =>
      async () => {
        let cached = cache.get(streamName)
        if (cached === undefined) {
          const all = await inner.readStream(streamName)()
          if (all._tag === 'Left') return all
          cached = [...all.right]
          cache.set(streamName, cached)
          stale.delete(streamName)
        } else if (stale.has(streamName)) {
          const fresh = await inner.readStream(streamName, { fromRevision: BigInt(cached.length) })()
          if (fresh._tag === 'Left') return fresh
          cached.push(...fresh.right)
          stale.delete(streamName)
        }
        return right(slice(cached, options))
      },
  }
}
