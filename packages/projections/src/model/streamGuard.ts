import type { JourneyEvent, RecordedEvent } from '@parcours/domain'
import type { Draft, Writable } from './draft.js'
import type { BatchStep } from './projection.js'

// ---------------------------------------------------------------------------------------------
// utils: which events a per-youth document takes.
// A journey's events are only counted once it is registered, and each event once: a document
// remembers the last stream revision it applied, so a batch redelivered after a crash changes
// nothing, and a stream whose registration a partitioned worker skipped is not its own.
// ---------------------------------------------------------------------------------------------

/** What the guard needs of a per-youth document. */
export interface Revisioned {
  readonly revision: number
}

/** Whether the event is a first registration to apply (no document yet). */
export const isFirstRegistration = (
  doc: Revisioned | undefined,
  recorded: RecordedEvent<JourneyEvent>,
): boolean => doc === undefined && recorded.event.type === 'YouthRegistered'

/** Whether the event follows the document's last applied revision in its stream. */
export const isNextInStream = (
  doc: Revisioned | undefined,
  recorded: RecordedEvent<JourneyEvent>,
): doc is Revisioned =>
  doc !== undefined && recorded.event.type !== 'YouthRegistered' && Number(recorded.revision) > doc.revision

/** The fields every per-youth document starts with: who, where, whose, and the last revision. */
export interface YouthHeader extends Revisioned {
  readonly kind: 'youth'
  readonly youthId: string
  readonly missionLocaleId: string
  readonly counsellorId: string
  readonly open: boolean
}

/** The header of a per-youth document, from the journey's registration at `revision`. */
export const youthHeaderOf = (
  e: Extract<JourneyEvent, { type: 'YouthRegistered' }>,
  revision: number,
): YouthHeader => ({
  kind: 'youth',
  youthId: e.youthId,
  revision,
  missionLocaleId: e.missionLocaleId,
  counsellorId: e.counsellorId,
  open: true,
})

/** A journey's registration. */
export type Registration = Extract<JourneyEvent, { type: 'YouthRegistered' }>

/**
 * The step of one batch of a projection with one document per young person, keyed
 * `youth:<youthId>`: a first registration puts the document `create` makes, and an event next in
 * its stream sets the document's revision and hands it to `evolve` to change in place; any other
 * event changes nothing. The documents the batch owns are kept by youth id for its later events,
 * so an event builds no key and looks nothing up twice; they go with the batch.
 */
export const perYouthStep = <D extends Revisioned>(
  draft: Draft<D>,
  create: (e: Registration, recorded: RecordedEvent<JourneyEvent>) => Writable<D>,
  evolve: (doc: Writable<D>, recorded: RecordedEvent<JourneyEvent>) => void,
): BatchStep => {
  const owned = new Map<string, Writable<D>>()
  return (recorded) => {
    const e = recorded.event
    let doc = owned.get(e.youthId)
    if (doc === undefined) {
      const key = `youth:${e.youthId}`
      const existing = draft.get(key)
      if (e.type === 'YouthRegistered') {
        if (existing === undefined) owned.set(e.youthId, draft.put(key, create(e, recorded)))
        return
      }
      if (!isNextInStream(existing, recorded)) return
      doc = draft.edit(key)
      if (doc === undefined) return
      owned.set(e.youthId, doc)
    } else if (!isNextInStream(doc, recorded)) return
    ;(doc as { revision: number }).revision = Number(recorded.revision)
    evolve(doc, recorded)
  }
}
