import { isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { InboundFlow } from '../inbox/receiveInbound.js'
import { formationRecords, type FormationOutcome } from './lheoRecords.js'
import type { XmlElement } from './lheoXml.js'
import type { RecordCounts, TrainingCatalogue } from './trainingCatalogue.js'

// ---------------------------------------------------------------------------------------------
// the LHEO import as an inbox flow: a message is one `formation` element, known by its numero;
// valid when the formation itself is (a bad session or action is refused inside it, and the rest
// of the formation is recorded); recording it writes its records in one transaction.
// ---------------------------------------------------------------------------------------------

/** The inbox flow of the LHEO formations. */
export const LHEO_FORMATIONS = 'lheo/formations'

const isElement = (u: unknown): u is XmlElement =>
  typeof u === 'object' &&
  u !== null &&
  typeof (u as XmlElement).name === 'string' &&
  Array.isArray((u as XmlElement).children) &&
  typeof (u as XmlElement).attributes === 'object'

/**
 * The flow of LHEO formations into a catalogue. `onRecorded` hears the record counts of each
 * formation recorded (the import counts records, the inbox formations). Each element is
 * validated once, even when the import has already done it (`outcomes`).
 */
export const lheoFormationsFlow = (
  catalogue: TrainingCatalogue,
  onRecorded: (counts: RecordCounts) => void = () => undefined,
  outcomes: WeakMap<object, FormationOutcome> = new WeakMap(),
): InboundFlow<FormationOutcome> => ({
  flow: LHEO_FORMATIONS,
  decode: (raw) => {
    if (!isElement(raw) || raw.name !== 'formation')
      return left({ key: null, reason: 'not a <formation> element' })
    const outcome = outcomes.get(raw) ?? formationRecords(raw)
    const key = raw.attributes['numero'] ?? null
    if (outcome.records.length === 0 || key === null)
      return left({
        key,
        reason: outcome.rejections.map((r) => `line ${r.line} ${r.path}: ${r.reason}`).join('; '),
      })
    return right({ key, value: outcome })
  },
  record: (outcome) => async () => {
    const counts = await catalogue.record(outcome.records)()
    if (isLeft(counts)) return left(counts.left.message)
    onRecorded(counts.right)
    return right(counts.right.recorded > 0 ? 'recorded' : 'unchanged')
  },
})
