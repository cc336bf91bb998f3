import type { JourneyEvent, RecordedEvent } from '@parcours/domain'

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
