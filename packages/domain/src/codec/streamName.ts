import { YouthId } from '../model/ids.js'

// ---------------------------------------------------------------------------------------------
// One stream per young person's journey.
// ---------------------------------------------------------------------------------------------

/** The prefix of every journey stream (for global-log filters). */
export const JOURNEY_STREAM_PREFIX = 'journey-'

/** The stream holding a young person's journey. */
export const journeyStreamName = (youthId: YouthId): string => JOURNEY_STREAM_PREFIX + youthId

/** The young person a journey stream belongs to, or null when the name is not a journey stream. */
export const youthIdOfStream = (streamName: string): YouthId | null => {
  if (!streamName.startsWith(JOURNEY_STREAM_PREFIX)) return null
  const id = streamName.slice(JOURNEY_STREAM_PREFIX.length)
  return YouthId.is(id) ? id : null
}
