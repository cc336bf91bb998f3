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
import { type KeyedProjection, keyedProjection } from '../model/projection.js'
import { isFirstRegistration, isNextInStream, type YouthHeader, youthHeaderOf } from '../model/streamGuard.js'

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

const header = (y: CejYouth, e: JourneyEvent): CejYouth => {
  switch (e.type) {
    case 'CounsellorAssigned':
      return { ...y, counsellorId: e.counsellorId }
    case 'JourneyTransferred':
      return { ...y, missionLocaleId: e.missionLocaleId, counsellorId: e.counsellorId }
    case 'JourneyClosed':
      return { ...y, open: false }
    case 'JourneyReopened':
      return { ...y, open: true, counsellorId: e.counsellorId }
    default:
      return y
  }
}

/** The CEJ projection under an hours policy (the default one unless given). */
export const createCejProjection = (
  policy: CejHoursPolicy = defaultCejHoursPolicy,
): KeyedProjection<CejYouth> => {
  // The ledger evolves as an immutable value: each event puts a new document in the draft and no
  // step edits one in place, so a document is handed to the draft as it is, never copied.
  const owned = (y: CejYouth): Writable<CejYouth> => y as unknown as Writable<CejYouth>
  const step = (draft: Draft<CejYouth>, recorded: RecordedEvent<JourneyEvent>): void => {
    const e = recorded.event
    const key = `youth:${e.youthId}`
    const existing = draft.get(key)
    const revision = Number(recorded.revision)
    if (e.type === 'YouthRegistered' && isFirstRegistration(existing, recorded)) {
      draft.put<CejYouth>(key, owned({ ...youthHeaderOf(e, revision), ledger: emptyCejLedger }))
      return
    }
    if (!isNextInStream(existing, recorded)) return
    const ledger = evolveCejLedger(existing.ledger, e, policy)
    draft.put<CejYouth>(key, owned({ ...header(existing, e), ledger, revision }))
  }
  return keyedProjection({
    name: 'cej',
    version: 1,
    step,
    copy: owned,
    merge: (_key, a) => a,
    streamDocuments: (key) => key.startsWith('youth:'),
  })
}

/** The CEJ projection with the default hours table. */
export const cejProjection: KeyedProjection<CejYouth> = createCejProjection()
