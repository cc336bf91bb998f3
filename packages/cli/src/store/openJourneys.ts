import { foldJourney, type JourneyEvent, type RegisteredJourney, type YouthId } from '@parcours/domain'
import { infrastructureError } from '../cli/errors.js'
import { describeStoreError } from './errors.js'
import type { StoreEnv } from './openStore.js'
import { scanLog } from './scanLog.js'

// ---------------------------------------------------------------------------------------------
// utils: the journeys of a store, folded from the global log
// ---------------------------------------------------------------------------------------------

/** Every journey's current state, in youth id order; a bad event stops it (exit 3). */
export const readJourneys = async (
  env: Pick<StoreEnv, 'store'>,
): Promise<ReadonlyArray<RegisteredJourney>> => {
  const streams = new Map<YouthId, JourneyEvent[]>()
  const scan = await scanLog(env.store, ({ event }) => {
    const events = streams.get(event.youthId)
    if (events === undefined) streams.set(event.youthId, [event])
    else events.push(event)
  })
  const firstBad = scan.bad[0]
  if (firstBad !== undefined)
    throw infrastructureError(
      `${describeStoreError(firstBad)} (run 'parcours verify' to list every bad event)`,
    )
  return [...streams.keys()]
    .sort()
    .map((youthId) => foldJourney(streams.get(youthId) ?? []))
    .filter((s): s is RegisteredJourney => s.status !== 'unregistered')
}
