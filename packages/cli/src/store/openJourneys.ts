import {
  foldJourney,
  youthIdOfStream,
  type DecodeFailed,
  type JourneyEvent,
  type RegisteredJourney,
  type YouthId,
} from '@parcours/domain'
import type { StoreEnv } from './openStore.js'
import { scanLog } from './scanLog.js'

// ---------------------------------------------------------------------------------------------
// utils: the journeys of a store, folded from the global log
// ---------------------------------------------------------------------------------------------

/** The journeys of a store: the readable ones, folded, and the events that keep the others unreadable. */
export interface JourneysRead {
  /** Every journey whose events all decode, in youth id order. */
  readonly journeys: ReadonlyArray<RegisteredJourney>
  /** One entry per undecodable event; its journey is not among `journeys`. */
  readonly unreadable: ReadonlyArray<DecodeFailed>
}

/** Every journey's current state, in youth id order; a journey with an event that cannot be decoded is set apart. */
export const readJourneys = async (env: Pick<StoreEnv, 'store'>): Promise<JourneysRead> => {
  const streams = new Map<YouthId, JourneyEvent[]>()
  const scan = await scanLog(env.store, ({ event }) => {
    const events = streams.get(event.youthId)
    if (events === undefined) streams.set(event.youthId, [event])
    else events.push(event)
  })
  const unreadable = new Set(scan.bad.map((b) => youthIdOfStream(b.streamName)))
  const journeys = [...streams.keys()]
    .filter((youthId) => !unreadable.has(youthId))
    .sort()
    .map((youthId) => foldJourney(streams.get(youthId) ?? []))
    .filter((s): s is RegisteredJourney => s.status !== 'unregistered')
  return { journeys, unreadable: scan.bad }
}
