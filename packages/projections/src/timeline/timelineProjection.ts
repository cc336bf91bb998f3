import type { JourneyEvent, RecordedEvent } from '@parcours/domain'
import type { DocMap } from '../model/docMap.js'
import type { Draft, Writable } from '../model/draft.js'
import { type BatchStep, type KeyedProjection, keyedProjection } from '../model/projection.js'
import { perYouthStep, type Registration } from '../model/streamGuard.js'

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
  for (const field in e) {
    if (envelope.has(field)) continue
    const value = (e as Record<string, unknown>)[field]
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

const register = (e: Registration, recorded: RecordedEvent<JourneyEvent>): Writable<TimelineYouth> => ({
  kind: 'youth',
  youthId: e.youthId,
  revision: Number(recorded.revision),
  missionLocaleId: e.missionLocaleId,
  erased: false,
  entries: [entryOf(recorded)],
})

const batch = (draft: Draft<TimelineYouth>): BatchStep =>
  perYouthStep(draft, register, (y, recorded) => {
    const e = recorded.event
    y.missionLocaleId = e.missionLocaleId
    y.erased = y.erased || e.type === 'PersonalDataErased'
    y.entries.push(entryOf(recorded))
  })

/** The journey timeline projection (pseudonymous; never decrypts). */
export const timelineProjection: KeyedProjection<TimelineYouth> = keyedProjection({
  name: 'timeline',
  version: 2,
  batch,
  // Entries never change once written: a batch copies the list, not the entries.
  copy: (y) => ({
    kind: y.kind,
    youthId: y.youthId,
    revision: y.revision,
    missionLocaleId: y.missionLocaleId,
    erased: y.erased,
    entries: y.entries.slice(),
  }),
  merge: (_key, a) => a,
  streamDocuments: (key) => key.startsWith('youth:'),
})
