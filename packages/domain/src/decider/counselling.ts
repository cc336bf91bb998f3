import { entryOf } from '../model/state.js'
import type { Rule } from './decision.js'
import { accept, refuse, stamp } from './decision.js'

// ---------------------------------------------------------------------------------------------
// Counsellor and mission locale, requests and diagnostic.
// ---------------------------------------------------------------------------------------------

/** A counsellor of the same mission locale becomes the référent. */
export const assignCounsellor: Rule<'AssignCounsellor'> = (c, s) =>
  c.counsellorId === s.counsellorId
    ? refuse({ _tag: 'CounsellorAlreadyAssigned' })
    : accept({
        type: 'CounsellorAssigned',
        ...stamp(s, c.on),
        counsellorId: c.counsellorId,
        previousCounsellorId: s.counsellorId,
      })

/** The holding mission locale hands the journey over; the event belongs to the new one. */
export const transferJourney: Rule<'TransferJourney'> = (c, s) =>
  c.toMissionLocaleId === s.missionLocaleId
    ? refuse({ _tag: 'SameMissionLocale', missionLocaleId: s.missionLocaleId })
    : accept({
        type: 'JourneyTransferred',
        ...stamp(s, c.on),
        missionLocaleId: c.toMissionLocaleId,
        fromMissionLocaleId: s.missionLocaleId,
        counsellorId: c.counsellorId,
      })

/** What the young person asks for, under a request id used once. */
export const recordRequest: Rule<'RecordRequest'> = (c, s) =>
  entryOf(s.requests, c.requestId) !== undefined
    ? refuse({ _tag: 'DuplicateRequest', requestId: c.requestId })
    : accept({
        type: 'RequestRecorded',
        ...stamp(s, c.on),
        requestId: c.requestId,
        theme: c.theme,
        comment: c.comment,
      })

/** A diagnostic may take several interviews: completing it again moves its date. */
export const completeDiagnostic: Rule<'CompleteDiagnostic'> = (c, s) =>
  accept({ type: 'DiagnosticCompleted', ...stamp(s, c.on), comment: c.comment })
