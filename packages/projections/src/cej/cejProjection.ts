import {
  type CejHoursPolicy,
  type CejLedger,
  defaultCejHoursPolicy,
  emptyCejLedger,
  evolveCejLedger,
  type JourneyEvent,
  type RecordedEvent,
} from '@parcours/domain'
import { type DocMap, emptyDocMap, getDoc, setDoc } from '../model/docMap.js'
import type { KeyedProjection } from '../model/projection.js'
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
  const apply = (rm: CejReadModel, recorded: RecordedEvent<JourneyEvent>): CejReadModel => {
    const e = recorded.event
    const key = `youth:${e.youthId}`
    const existing = getDoc(rm, key)
    const revision = Number(recorded.revision)
    if (e.type === 'YouthRegistered' && isFirstRegistration(existing, recorded))
      return setDoc(rm, key, { ...youthHeaderOf(e, revision), ledger: emptyCejLedger })
    if (!isNextInStream(existing, recorded)) return rm
    const ledger = evolveCejLedger(existing.ledger, e, policy)
    return setDoc(rm, key, { ...header(existing, e), ledger, revision })
  }
  return { name: 'cej', version: 1, initial: emptyDocMap<CejYouth>(), apply, merge: (_key, a) => a }
}

/** The CEJ projection with the default hours table. */
export const cejProjection: KeyedProjection<CejYouth> = createCejProjection()
