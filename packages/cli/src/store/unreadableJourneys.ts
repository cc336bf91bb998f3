import { isLeft } from 'fp-ts/lib/Either.js'
import { youthIdOfStream } from '@parcours/domain'
import { docEntries, worklistProjection, type ProjectionSink } from '@parcours/projections'
import { infrastructureError } from '../cli/errors.js'
import { readModelOf } from './readModels.js'

// ---------------------------------------------------------------------------------------------
// the journeys the read models could not read: each undecodable event was parked by the
// projection runner, the rest of the log projected. Reports name them by id and position.
// ---------------------------------------------------------------------------------------------

/** An event the read models skipped, and the journey it belongs to. */
export interface UnreadableEvent {
  readonly youthId: string
  readonly streamName: string
  readonly revision: number
  /** The event's global position in the store's log (a string: positions are 64-bit). */
  readonly position: string
  readonly eventType: string
  readonly reason: string
}

/** What a report says of the journeys it could not read, within its scope. */
export interface UnreadableJourneys {
  readonly events: ReadonlyArray<UnreadableEvent>
  /** Undecodable events whose journey's mission locale cannot be read either (counted, not named, in a mission locale's report). */
  readonly elsewhere: number
}

/**
 * The parked events of the read models, for a report of one mission locale (those of journeys it
 * holds, as far as the readable events say) or national (`null`: all of them).
 */
export const unreadableJourneys = async (
  sink: ProjectionSink,
  missionLocaleId: string | null,
): Promise<UnreadableJourneys> => {
  const parked = await sink.deadLetters()()
  if (isLeft(parked)) throw infrastructureError(`read models unavailable: ${parked.left.message}`)
  if (parked.right.length === 0) return { events: [], elsewhere: 0 }
  const holder = new Map<string, string>()
  for (const [, y] of docEntries(await readModelOf(sink, worklistProjection)))
    holder.set(y.youthId, y.missionLocaleId)
  const events: UnreadableEvent[] = []
  let elsewhere = 0
  for (const d of parked.right) {
    const youthId = youthIdOfStream(d.streamName) ?? d.streamName
    const ml = holder.get(youthId)
    if (missionLocaleId !== null && ml !== missionLocaleId) {
      if (ml === undefined) elsewhere += 1
      continue
    }
    events.push({
      youthId,
      streamName: d.streamName,
      revision: Number(d.revision),
      position: String(d.position),
      eventType: d.eventType,
      reason: d.reason,
    })
  }
  events.sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1))
  return { events, elsewhere }
}

/** The lines a report prints about what it could not read (none when it read everything). */
export const describeUnreadable = (u: UnreadableJourneys): ReadonlyArray<string> => [
  ...u.events.map(
    (e) =>
      `Could not read journey ${e.youthId}: its event at revision ${e.revision} (position ${e.position}, ${e.eventType}) cannot be decoded (${e.reason}); the figures leave it out from there on.`,
  ),
  ...(u.elsewhere > 0
    ? [`${u.elsewhere} more undecodable event(s) in journeys whose mission locale cannot be read.`]
    : []),
]
