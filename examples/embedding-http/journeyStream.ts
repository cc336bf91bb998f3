// One young person's stream as read for a request: its events, who holds and follows the
// journey (what the access policy needs), and its revision (what an `expectedRevision` checks).

import { isLeft } from 'fp-ts/lib/Either.js'
import {
  foldJourney,
  journeyStreamName,
  type JourneyEvent,
  type JourneyRef,
  type RecordedEvent,
  type YouthId,
} from '@parcours/domain'
import type { Parcours } from './openParcours.js'
import { unavailable } from './problems.js'

/** A journey's stream as it stands. */
export interface JourneyStream {
  readonly events: ReadonlyArray<RecordedEvent<JourneyEvent>>
  readonly ref: JourneyRef
  /** The revision of its last event; -1 when the stream does not exist. */
  readonly revision: number
}

/** Reads and folds a journey's stream; a store that cannot answer is a 503. */
export const readJourneyStream = async (p: Parcours, youthId: YouthId): Promise<JourneyStream> => {
  const read = await p.store.readStream(journeyStreamName(youthId))()
  if (isLeft(read)) {
    // The tag only: a decode failure's reason may quote stored values, which logs never hold.
    p.logger.error({ tag: read.left._tag, youthId }, 'reading a journey failed')
    throw unavailable()
  }
  const events = read.right
  const state = foldJourney(events.map((r) => r.event))
  return {
    events,
    ref:
      state.status === 'unregistered'
        ? { youthId, holder: null, counsellorId: null }
        : { youthId, holder: state.missionLocaleId, counsellorId: state.counsellorId },
    revision: Number(events[events.length - 1]?.revision ?? -1n),
  }
}
