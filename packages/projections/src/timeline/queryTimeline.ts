import { getDoc } from '../model/docMap.js'
import type { TimelineReadModel, TimelineYouth } from './timelineProjection.js'

/** A sealed field as a view shows it: still sealed, or erased with the young person's key. */
export type SealedStatus = 'sealed' | 'erased'

/** One event of a journey as a counsellor sees it. */
export interface TimelineItem {
  readonly revision: number
  readonly on: string
  readonly type: string
  readonly missionLocaleId: string
  readonly details: { readonly [field: string]: string | number | boolean | null }
}

/** A young person's journey, pseudonymous. */
export interface Timeline {
  readonly youthId: string
  readonly missionLocaleId: string
  readonly erased: boolean
  readonly items: ReadonlyArray<TimelineItem>
}

/**
 * The timeline of a young person followed by the given mission locale; undefined for a young
 * person unknown there (including one transferred to another mission locale).
 */
export const queryTimeline = (
  rm: TimelineReadModel,
  query: { readonly missionLocaleId: string; readonly youthId: string },
): Timeline | undefined => timelineOf(getDoc(rm, timelineKey(query.youthId)), query)

/** The key of a young person's document in the timeline read model (see `loadDocument`). */
export const timelineKey = (youthId: string): string => `youth:${youthId}`

/**
 * `queryTimeline` on the young person's document alone, as `loadDocument` reads it from a sink
 * (`timelineKey`), without the rest of the read model.
 */
export const timelineOf = (
  doc: TimelineYouth | undefined,
  query: { readonly missionLocaleId: string; readonly youthId: string },
): Timeline | undefined => {
  if (doc === undefined || doc.youthId !== query.youthId || doc.missionLocaleId !== query.missionLocaleId)
    return undefined
  const status: SealedStatus = doc.erased ? 'erased' : 'sealed'
  return {
    youthId: doc.youthId,
    missionLocaleId: doc.missionLocaleId,
    erased: doc.erased,
    items: doc.entries.map((entry) => ({
      ...entry,
      details: Object.fromEntries(
        Object.entries(entry.details).map(([k, v]) => [k, typeof v === 'object' && v !== null ? status : v]),
      ),
    })),
  }
}
