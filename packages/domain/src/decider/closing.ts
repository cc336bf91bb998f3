import type { JourneyEvent } from '../model/events.js'
import type { KeyId } from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import type { Sealed } from '../model/sealed.js'
import type { RegisteredJourney } from '../model/state.js'
import { journeyAgeLimitOn, pendingFollowUps } from '../model/state.js'
import type { ExitReason, ProgrammeExitReason } from '../model/vocabulary.js'
import type { CommandOf, Decision, Rule } from './decision.js'
import { accept, refuse, stamp } from './decision.js'

// ---------------------------------------------------------------------------------------------
// Exit, reopening and erasure of personal data.
// ---------------------------------------------------------------------------------------------

/**
 * The events that close a journey: the open programme ends, pending follow-ups are cancelled
 * (so no worklist shows a closed journey), then JourneyClosed.
 */
export const closingEvents = (
  s: RegisteredJourney,
  on: LocalDate,
  reason: ExitReason,
  comment: Sealed | null,
  programmeReason: ProgrammeExitReason,
): ReadonlyArray<JourneyEvent> => [
  ...(s.programme === null
    ? []
    : [
        {
          type: 'ProgrammeExited' as const,
          ...stamp(s, on),
          programme: s.programme.programme,
          reason: programmeReason,
        },
      ]),
  ...pendingFollowUps(s).map((followUpId) => ({
    type: 'FollowUpCancelled' as const,
    ...stamp(s, on),
    followUpId,
  })),
  { type: 'JourneyClosed', ...stamp(s, on), reason, comment },
]

/** Close the journey; 'other' needs a comment, 'age-limit' only once the limit is reached. */
export const closeJourney: Rule<'CloseJourney'> = (c, s) => {
  if (c.reason === 'other' && c.comment === null) return refuse({ _tag: 'CommentRequired', reason: c.reason })
  const ageLimitOn = journeyAgeLimitOn(s)
  if (c.reason === 'age-limit' && c.on < ageLimitOn)
    return refuse({ _tag: 'AgeLimitNotReached', on: c.on, ageLimitOn })
  return accept(
    ...closingEvents(s, c.on, c.reason, c.comment, c.reason === 'age-limit' ? 'age-limit' : 'journey-closed'),
  )
}

/** Reopen a closed journey, only before its age limit. */
export const reopenJourney: Rule<'ReopenJourney'> = (c, s) => {
  if (s.status !== 'closed' || s.closedOn === null) return refuse({ _tag: 'JourneyNotClosed' })
  if (c.on < s.closedOn) return refuse({ _tag: 'DatedBeforeClosing', on: c.on, closedOn: s.closedOn })
  const ageLimitOn = journeyAgeLimitOn(s)
  if (c.on >= ageLimitOn) return refuse({ _tag: 'AgeLimitReached', on: c.on, ageLimitOn })
  return accept({ type: 'JourneyReopened', ...stamp(s, c.on), counsellorId: c.counsellorId })
}

/**
 * Record that the young person's key was erased. A journey registered without sealed data has no
 * key yet; its key is then named after the youth id, which is how the vault names new keys.
 */
export const erasePersonalData = (c: CommandOf<'ErasePersonalData'>, s: RegisteredJourney): Decision =>
  s.personalDataErased
    ? refuse({ _tag: 'PersonalDataAlreadyErased' })
    : accept({
        type: 'PersonalDataErased',
        ...stamp(s, c.on),
        keyId: s.keyId ?? (s.youthId as string as KeyId),
      })
