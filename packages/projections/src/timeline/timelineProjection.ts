import type { JourneyEvent, RecordedEvent } from '@parcours/domain'
import { type DocMap, emptyDocMap, getDoc, setDoc } from '../model/docMap.js'
import type { KeyedProjection } from '../model/projection.js'
import { isFirstRegistration, isNextInStream } from '../model/streamGuard.js'

// ---------------------------------------------------------------------------------------------
// model: one document per young person listing their journey's events. Sealed fields are never
// copied: the document only remembers that a field was sealed, so no ciphertext reaches a view.
// ---------------------------------------------------------------------------------------------

/** A field value shown in a timeline; `{ sealed: true }` stands for a sealed personal field. */
export type TimelineValue = string | number | boolean | null | { readonly sealed: true }

/** One event of a journey, without its sealed contents. */
export interface TimelineEntry {
  readonly revision: number
  readonly on: string
  readonly type: string
  readonly missionLocaleId: string
  readonly details: { readonly [field: string]: TimelineValue }
}

/** The timeline document of one young person. */
export interface TimelineYouth {
  readonly kind: 'youth'
  readonly youthId: string
  readonly revision: number
  readonly missionLocaleId: string
  readonly erased: boolean
  readonly entries: ReadonlyArray<TimelineEntry>
}

/** The timeline read model: one document per young person, keyed `youth:<id>`. */
export type TimelineReadModel = DocMap<TimelineYouth>

// The envelope is shown apart; `legacyAgeLimits` (clear age limits read from a store not yet
// migrated) is personal and never shown nor kept.
const envelope = new Set(['type', 'youthId', 'missionLocaleId', 'on', 'legacyAgeLimits'])

const isSealed = (v: unknown): boolean => typeof v === 'object' && v !== null && 'ciphertext' in v

const detailsOf = (e: JourneyEvent): TimelineEntry['details'] => {
  const details: Record<string, TimelineValue> = {}
  for (const [field, value] of Object.entries(e)) {
    if (envelope.has(field)) continue
    details[field] = isSealed(value)
      ? { sealed: true }
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : (value as TimelineValue)
  }
  return details
}

const entryOf = (recorded: RecordedEvent<JourneyEvent>): TimelineEntry => ({
  revision: Number(recorded.revision),
  on: recorded.event.on,
  type: recorded.event.type,
  missionLocaleId: recorded.event.missionLocaleId,
  details: detailsOf(recorded.event),
})

const apply = (rm: TimelineReadModel, recorded: RecordedEvent<JourneyEvent>): TimelineReadModel => {
  const e = recorded.event
  const key = `youth:${e.youthId}`
  const existing = getDoc(rm, key)
  const revision = Number(recorded.revision)
  if (isFirstRegistration(existing, recorded))
    return setDoc(rm, key, {
      kind: 'youth',
      youthId: e.youthId,
      revision,
      missionLocaleId: e.missionLocaleId,
      erased: false,
      entries: [entryOf(recorded)],
    })
  if (!isNextInStream(existing, recorded)) return rm
  const y = existing
  return setDoc(rm, key, {
    ...y,
    revision,
    missionLocaleId: e.missionLocaleId,
    erased: y.erased || e.type === 'PersonalDataErased',
    entries: [...y.entries, entryOf(recorded)],
  })
}

/** The journey timeline projection (pseudonymous; never decrypts). */
export const timelineProjection: KeyedProjection<TimelineYouth> = {
  name: 'timeline',
  version: 2,
  initial: emptyDocMap<TimelineYouth>(),
  apply,
  merge: (_key, a) => a,
}
