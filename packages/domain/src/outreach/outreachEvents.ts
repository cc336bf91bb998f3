import * as t from 'io-ts'
import { CounsellorId, KeyId, MissionLocaleId, YouthId } from '../model/ids.js'
import { LocalDate } from '../model/localDate.js'
import { Sealed } from '../model/sealed.js'

// ---------------------------------------------------------------------------------------------
// model: an outreach case — a young person on a school dropout list (SIEI, for the dropout
// platforms) whom a mission locale tries to reach. Its own stream, `outreach-<caseId>`. The
// identity, contact details, birth date and schooling (school, class, date left, commune) are
// sealed with the case's own key; in clear only what the rules need: the mission locale, the
// partner's list, the dates of the case and its statuses.
// ---------------------------------------------------------------------------------------------

const brandedId = <B extends string>(name: B) =>
  t.brand(
    t.string,
    (s): s is t.Branded<string, { readonly [K in B]: symbol }> => /^oc-[0-9a-f]{8,64}$/.test(s),
    name,
  )

/** Id of an outreach case: `oc-` and hex digits (derived from the partner's list and row ids). */
export const OutreachCaseId = brandedId('OutreachCaseId')
export type OutreachCaseId = t.TypeOf<typeof OutreachCaseId>

/** The outreach statuses of the dropout platforms. A case opens not contacted. */
export const OutreachStatus = t.keyof(
  {
    'not-contacted': null,
    'contacted-followed': null,
    'contacted-not-followed': null,
    'already-followed': null,
    unreachable: null,
  },
  'OutreachStatus',
)
export type OutreachStatus = t.TypeOf<typeof OutreachStatus>

/** Every outreach status, in the order the platforms list them. */
export const OUTREACH_STATUSES: ReadonlyArray<OutreachStatus> = [
  'not-contacted',
  'contacted-followed',
  'contacted-not-followed',
  'already-followed',
  'unreachable',
]

/** A row of a dropout list became a case of a mission locale. */
export const OutreachCaseOpened = t.type(
  {
    type: t.literal('OutreachCaseOpened'),
    caseId: OutreachCaseId,
    missionLocaleId: MissionLocaleId,
    /** The partner's list (a pseudonymous reference of the delivery, never a row's content). */
    listId: t.string,
    on: LocalDate,
    /** Names, contact, birth date, school, class, date left school, commune: sealed. */
    identity: Sealed,
  },
  'OutreachCaseOpened',
)
export type OutreachCaseOpened = t.TypeOf<typeof OutreachCaseOpened>

/** A counsellor recorded where the outreach stands. */
export const OutreachStatusRecorded = t.type(
  {
    type: t.literal('OutreachStatusRecorded'),
    caseId: OutreachCaseId,
    missionLocaleId: MissionLocaleId,
    status: OutreachStatus,
    counsellorId: CounsellorId,
    on: LocalDate,
  },
  'OutreachStatusRecorded',
)
export type OutreachStatusRecorded = t.TypeOf<typeof OutreachStatusRecorded>

/** The case closed: the young person was registered (a journey now), or nobody will be reached. */
export const OutreachCaseClosed = t.type(
  {
    type: t.literal('OutreachCaseClosed'),
    caseId: OutreachCaseId,
    missionLocaleId: MissionLocaleId,
    reason: t.keyof({ registered: null, retention: null }),
    /** The journey the registration opened; null when closed by retention. */
    youthId: t.union([YouthId, t.null]),
    on: LocalDate,
  },
  'OutreachCaseClosed',
)
export type OutreachCaseClosed = t.TypeOf<typeof OutreachCaseClosed>

/** The case's key was erased: its sealed identity can never be read again. */
export const OutreachPersonalDataErased = t.type(
  {
    type: t.literal('OutreachPersonalDataErased'),
    caseId: OutreachCaseId,
    missionLocaleId: MissionLocaleId,
    keyId: KeyId,
    on: LocalDate,
  },
  'OutreachPersonalDataErased',
)
export type OutreachPersonalDataErased = t.TypeOf<typeof OutreachPersonalDataErased>

/**
 * Every event of an outreach case — a young person on a school dropout list whom a mission locale
 * tries to reach — in the stream `outreach-<caseId>`. The identity and schooling are sealed with
 * the case's own key; in clear only the mission locale, the list, the dates and the statuses.
 */
export const OutreachEvent = t.union(
  [OutreachCaseOpened, OutreachStatusRecorded, OutreachCaseClosed, OutreachPersonalDataErased],
  'OutreachEvent',
)
export type OutreachEvent = t.TypeOf<typeof OutreachEvent>

/** Prefix of the outreach case streams. */
export const OUTREACH_STREAM_PREFIX = 'outreach-'

/** The stream of an outreach case. */
export const outreachStreamName = (caseId: OutreachCaseId): string => OUTREACH_STREAM_PREFIX + caseId
