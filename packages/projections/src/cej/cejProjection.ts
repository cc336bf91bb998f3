import {
  type CejHoursPolicy,
  type CejLedger,
  defaultCejHoursPolicy,
  emptyCejLedger,
  evolveCejLedger,
  type JourneyEvent,
  type RecordedEvent,
} from '@parcours/domain'
import type { DocMap } from '../model/docMap.js'
import type { Draft, Writable } from '../model/draft.js'
import { type BatchStep, type KeyedProjection, keyedProjection } from '../model/projection.js'
import { perYouthStep, type Registration, type YouthHeader } from '../model/streamGuard.js'

// ---------------------------------------------------------------------------------------------
// model: one document per young person holding their CEJ ledger — contracts, validated minutes
// per week, what is planned, declared activities, breaches and sanctions, and the allowance's
// settings still sealed. No amount and no rate category: the statement computes them at export.
// ---------------------------------------------------------------------------------------------

/** The CEJ document of one young person. */
export interface CejYouth extends YouthHeader {
  readonly ledger: CejLedger
}

/** The CEJ read model: one document per young person, keyed `youth:<id>`. */
export type CejReadModel = DocMap<CejYouth>

/** A document the batch owns: its header writable, its ledger replaced whole. */
type Owned = { -readonly [K in keyof CejYouth]: CejYouth[K] }

// Every field written out, in one literal (a spread would give each document a shape of its own).
const cejYouth = (y: CejYouth): Owned => ({
  kind: 'youth',
  youthId: y.youthId,
  revision: y.revision,
  missionLocaleId: y.missionLocaleId,
  counsellorId: y.counsellorId,
  open: y.open,
  // The ledger evolves as an immutable value: a step replaces it and never changes it in place,
  // so a batch's copy of a document shares the stored ledger.
  ledger: y.ledger,
})

// The ledger is the domain's immutable value: a batch's own document has a writable header only.
const writable = (y: Owned): Writable<CejYouth> => y as unknown as Writable<CejYouth>
const owned = (y: Writable<CejYouth>): Owned => y as unknown as Owned

const register = (e: Registration, recorded: RecordedEvent<JourneyEvent>): Writable<CejYouth> =>
  writable({
    kind: 'youth',
    youthId: e.youthId,
    revision: Number(recorded.revision),
    missionLocaleId: e.missionLocaleId,
    counsellorId: e.counsellorId,
    open: true,
    ledger: emptyCejLedger,
  })

const evolveHeader = (y: Owned, e: JourneyEvent): void => {
  switch (e.type) {
    case 'CounsellorAssigned':
      y.counsellorId = e.counsellorId
      return
    case 'JourneyTransferred':
      y.missionLocaleId = e.missionLocaleId
      y.counsellorId = e.counsellorId
      return
    case 'JourneyClosed':
      y.open = false
      return
    case 'JourneyReopened':
      y.open = true
      y.counsellorId = e.counsellorId
      return
    default:
      return
  }
}

/** The CEJ projection under an hours policy (the default one unless given). */
export const createCejProjection = (
  policy: CejHoursPolicy = defaultCejHoursPolicy,
): KeyedProjection<CejYouth> => {
  const batch = (draft: Draft<CejYouth>): BatchStep =>
    perYouthStep(draft, register, (doc, recorded) => {
      const y = owned(doc)
      const e = recorded.event
      evolveHeader(y, e)
      y.ledger = evolveCejLedger(y.ledger, e, policy)
    })
  const copy = (y: CejYouth): Writable<CejYouth> => writable(cejYouth(y))
  return keyedProjection({
    name: 'cej',
    version: 1,
    batch,
    copy,
    merge: (_key, a) => a,
    streamDocuments: (key) => key.startsWith('youth:'),
  })
}

/** The CEJ projection with the default hours table. */
export const cejProjection: KeyedProjection<CejYouth> = createCejProjection()
