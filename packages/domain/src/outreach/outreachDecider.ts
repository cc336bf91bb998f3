import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { Decider } from '../decider/decider.js'
import type { CounsellorId, KeyId, MissionLocaleId, YouthId } from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import type { Sealed } from '../model/sealed.js'
import type { OutreachCaseId, OutreachEvent, OutreachStatus } from './outreachEvents.js'

// ---------------------------------------------------------------------------------------------
// model: commands, state and refusals of an outreach case
// ---------------------------------------------------------------------------------------------

/** What can be asked of an outreach case. Dates and ids come in with the command. */
export type OutreachCommand =
  | {
      readonly type: 'OpenOutreachCase'
      readonly caseId: OutreachCaseId
      readonly missionLocaleId: MissionLocaleId
      readonly listId: string
      readonly on: LocalDate
      readonly identity: Sealed
    }
  | {
      readonly type: 'RecordOutreachStatus'
      readonly caseId: OutreachCaseId
      readonly status: OutreachStatus
      readonly counsellorId: CounsellorId
      readonly on: LocalDate
    }
  | {
      readonly type: 'CloseOutreachCase'
      readonly caseId: OutreachCaseId
      readonly reason: 'registered' | 'retention'
      readonly youthId: YouthId | null
      readonly on: LocalDate
    }
  | {
      readonly type: 'EraseOutreachPersonalData'
      readonly caseId: OutreachCaseId
      readonly on: LocalDate
    }

/** The type of an outreach command. */
export type OutreachCommandType = OutreachCommand['type']

/** An outreach case as its rules see it. */
export type OutreachState =
  | { readonly _tag: 'NoCase' }
  | {
      readonly _tag: 'Case'
      readonly caseId: OutreachCaseId
      readonly missionLocaleId: MissionLocaleId
      readonly openedOn: LocalDate
      readonly status: OutreachStatus
      /** The date of the latest fact: nothing is dated before it. */
      readonly lastOn: LocalDate
      readonly closed: null | {
        readonly reason: 'registered' | 'retention'
        readonly youthId: YouthId | null
      }
      readonly keyId: KeyId
      readonly erased: boolean
    }

/** Why an outreach command was refused. */
export type OutreachError =
  | { readonly _tag: 'OutreachCaseNotFound'; readonly caseId: OutreachCaseId }
  | { readonly _tag: 'OutreachCaseAlreadyOpen'; readonly caseId: OutreachCaseId }
  | { readonly _tag: 'OutreachCaseClosed'; readonly caseId: OutreachCaseId; readonly reason: string }
  | { readonly _tag: 'OutreachDatedBefore'; readonly on: LocalDate; readonly lastOn: LocalDate }
  | { readonly _tag: 'OutreachStatusInvalid'; readonly status: OutreachStatus; readonly why: string }
  | { readonly _tag: 'OutreachRegistrationWithoutJourney' }
  | { readonly _tag: 'OutreachAlreadyErased'; readonly caseId: OutreachCaseId }

/** One sentence per refusal, for the CLI. */
export const describeOutreachError = (e: OutreachError): string => {
  switch (e._tag) {
    case 'OutreachCaseNotFound':
      return `no outreach case ${e.caseId}`
    case 'OutreachCaseAlreadyOpen':
      return `outreach case ${e.caseId} is already open`
    case 'OutreachCaseClosed':
      return `outreach case ${e.caseId} is closed (${e.reason})`
    case 'OutreachDatedBefore':
      return `${e.on} is before the case's latest fact (${e.lastOn})`
    case 'OutreachStatusInvalid':
      return `status ${e.status}: ${e.why}`
    case 'OutreachRegistrationWithoutJourney':
      return 'a case closed by a registration names the journey it opened'
    case 'OutreachAlreadyErased':
      return `the personal data of outreach case ${e.caseId} is already erased`
  }
}

// ---------------------------------------------------------------------------------------------
// evolve and decide
// ---------------------------------------------------------------------------------------------

const initialState: OutreachState = { _tag: 'NoCase' }

const evolve = (s: OutreachState, e: OutreachEvent): OutreachState => {
  if (e.type === 'OutreachCaseOpened')
    return {
      _tag: 'Case',
      caseId: e.caseId,
      missionLocaleId: e.missionLocaleId,
      openedOn: e.on,
      status: 'not-contacted',
      lastOn: e.on,
      closed: null,
      keyId: e.identity.keyId,
      erased: false,
    }
  if (s._tag === 'NoCase') return s
  switch (e.type) {
    case 'OutreachStatusRecorded':
      return { ...s, status: e.status, lastOn: e.on }
    case 'OutreachCaseClosed':
      return { ...s, closed: { reason: e.reason, youthId: e.youthId }, lastOn: e.on }
    case 'OutreachPersonalDataErased':
      return { ...s, erased: true }
  }
}

const notBefore = (on: LocalDate, lastOn: LocalDate): Either<OutreachError, void> =>
  on < lastOn ? left({ _tag: 'OutreachDatedBefore', on, lastOn }) : right(undefined)

const decide = (
  c: OutreachCommand,
  s: OutreachState,
): Either<OutreachError, ReadonlyArray<OutreachEvent>> => {
  if (c.type === 'OpenOutreachCase')
    return s._tag === 'Case'
      ? left({ _tag: 'OutreachCaseAlreadyOpen', caseId: c.caseId })
      : right([{ ...c, type: 'OutreachCaseOpened' }])
  if (s._tag === 'NoCase') return left({ _tag: 'OutreachCaseNotFound', caseId: c.caseId })
  const ml = s.missionLocaleId
  if (c.type === 'EraseOutreachPersonalData')
    return s.erased
      ? left({ _tag: 'OutreachAlreadyErased', caseId: c.caseId })
      : right([
          {
            type: 'OutreachPersonalDataErased',
            caseId: c.caseId,
            missionLocaleId: ml,
            keyId: s.keyId,
            on: c.on,
          },
        ])
  if (s.closed !== null)
    return left({ _tag: 'OutreachCaseClosed', caseId: c.caseId, reason: s.closed.reason })
  const dated = notBefore(c.on, s.lastOn)
  if (dated._tag === 'Left') return dated
  switch (c.type) {
    case 'RecordOutreachStatus':
      if (c.status === 'not-contacted')
        return left({
          _tag: 'OutreachStatusInvalid',
          status: c.status,
          why: 'a case opens not contacted; record what the attempt gave',
        })
      if (c.status === s.status) return right([]) // recorded already: nothing new
      return right([{ ...c, type: 'OutreachStatusRecorded', missionLocaleId: ml }])
    case 'CloseOutreachCase':
      if (c.reason === 'registered' && c.youthId === null)
        return left({ _tag: 'OutreachRegistrationWithoutJourney' })
      return right([
        {
          type: 'OutreachCaseClosed',
          caseId: c.caseId,
          missionLocaleId: ml,
          reason: c.reason,
          youthId: c.reason === 'registered' ? c.youthId : null,
          on: c.on,
        },
      ])
  }
}

/**
 * The outreach case's decider: open once; statuses and the closing never dated before the
 * latest fact; a closed case takes no status; erasure once, open or closed.
 */
export const outreachDecider: Decider<OutreachCommand, OutreachState, OutreachEvent, OutreachError> = {
  initialState,
  evolve,
  decide,
}

/** Folds an outreach case's events into its state. */
export const foldOutreachCase = (events: ReadonlyArray<OutreachEvent>): OutreachState =>
  events.reduce(evolve, initialState)
