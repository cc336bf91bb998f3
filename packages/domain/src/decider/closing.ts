import type { JourneyError } from '../model/errors.js'
import type { JourneyEvent } from '../model/events.js'
import type { FollowUpId, KeyId, ProposalId, SessionId, SituationId } from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import type { Sealed } from '../model/sealed.js'
import type { RegisteredJourney } from '../model/state.js'
import { entryOf, isPending, openSessions, pendingFollowUps } from '../model/state.js'
import type { ExitReason, ProgrammeExitReason } from '../model/vocabulary.js'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'
import { journeyAgeLimitOn } from './ageLimit.js'
import type { CommandOf, Decision, Rule } from './decision.js'
import { accept, refuse, stamp } from './decision.js'
import { phaseBeforeExit } from './programmes.js'

// ---------------------------------------------------------------------------------------------
// Exit, reopening and erasure of personal data. Closing leaves nothing open: the programme ends,
// every open proposal and session registration gets its one outcome, pending appointments are
// cancelled, and each situation in progress is recorded as it stood at exit.
// ---------------------------------------------------------------------------------------------

const openProposals = (s: RegisteredJourney): ReadonlyArray<ProposalId> =>
  Object.entries(s.proposals)
    .filter(([, p]) => p.outcome === null)
    .map(([id]) => id as ProposalId)

const ongoingSituations = (s: RegisteredJourney): ReadonlyArray<SituationId> =>
  Object.entries(s.situations)
    .filter(([, x]) => x.endedOn === null)
    .map(([id]) => id as SituationId)

/** The events that close a journey on `on`. */
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
  ...openProposals(s).flatMap((proposalId) => {
    const p = entryOf(s.proposals, proposalId)
    return p === undefined
      ? []
      : [
          {
            type: 'ProposalOutcomeRecorded' as const,
            ...stamp(s, on),
            proposalId,
            theme: p.theme,
            outcome: 'closed-without-follow-up' as const,
            offeredOn: p.offeredOn,
          },
        ]
  }),
  ...openSessions(s).flatMap((sessionId) => {
    const x = entryOf(s.sessions, sessionId)
    return x === undefined
      ? []
      : [
          {
            type: 'SessionOutcomeRecorded' as const,
            ...stamp(s, on),
            sessionId,
            kind: x.kind,
            heldOn: x.heldOn,
            outcome: 'closed-without-follow-up' as const,
          },
        ]
  }),
  ...pendingFollowUps(s).map((followUpId) => ({
    type: 'FollowUpCancelled' as const,
    ...stamp(s, on),
    followUpId,
  })),
  ...ongoingSituations(s).flatMap((situationId) => {
    const x = entryOf(s.situations, situationId)
    return x === undefined
      ? []
      : [
          {
            type: 'SituationOngoingAtExit' as const,
            ...stamp(s, on),
            situationId,
            kind: x.kind,
            startedOn: x.startedOn,
            durable: x.durable,
            qualifying: x.qualifying,
          },
        ]
  }),
  { type: 'JourneyClosed', ...stamp(s, on), reason, comment },
]

/**
 * The first fact a closure on `on` would end although it is dated after `on`: the programme's
 * entry, its running phase, a situation's start, a proposal's offer or acceptance, a session
 * registration, an appointment's planning. Null when the closure is dated after all of them.
 */
const closureBeforeFact = (s: RegisteredJourney, on: LocalDate): JourneyError | null => {
  if (s.programme !== null && on < s.programme.enteredOn)
    return { _tag: 'DatedBeforeProgrammeEntry', on, enteredOn: s.programme.enteredOn }
  const phase = phaseBeforeExit(s, on)
  if (phase !== null) return phase
  for (const [id, x] of Object.entries(s.situations))
    if (x.endedOn === null && on < x.startedOn)
      return { _tag: 'DatedBeforeSituationStart', situationId: id as SituationId, on, startedOn: x.startedOn }
  for (const [id, p] of Object.entries(s.proposals)) {
    if (p.outcome !== null) continue
    if (on < p.offeredOn)
      return { _tag: 'DatedBeforeOffer', proposalId: id as ProposalId, on, offeredOn: p.offeredOn }
    if (p.acceptedOn !== null && on < p.acceptedOn)
      return { _tag: 'DatedBeforeAcceptance', proposalId: id as ProposalId, on, acceptedOn: p.acceptedOn }
  }
  for (const [id, x] of Object.entries(s.sessions))
    if (x.outcome === null && on < x.prescribedOn)
      return { _tag: 'DatedBeforePrescription', sessionId: id as SessionId, on, prescribedOn: x.prescribedOn }
  for (const [id, f] of Object.entries(s.followUps))
    if (isPending(f) && on < f.scheduledOn)
      return { _tag: 'DatedBeforeScheduling', followUpId: id as FollowUpId, on, scheduledOn: f.scheduledOn }
  return null
}

/** The situation an exit reason needs in progress on the exit date (policy), if any. */
const exitWithoutSituation = (
  s: RegisteredJourney,
  on: LocalDate,
  reason: ExitReason,
  policy: JourneyPolicy,
): JourneyError | null => {
  if (!policy.exitMustMatchSituation) return null
  const inProgress = Object.values(s.situations).filter((x) => x.endedOn === null && x.startedOn <= on)
  if (reason === 'durable-employment' && !inProgress.some((x) => x.kind === 'employment' && x.durable))
    return { _tag: 'ExitWithoutSituation', reason, needs: 'durable-employment' }
  if (reason === 'qualifying-training' && !inProgress.some((x) => x.kind === 'training' && x.qualifying))
    return { _tag: 'ExitWithoutSituation', reason, needs: 'qualifying-training' }
  return null
}

/**
 * Close the journey: never before what it ends; 'other' needs a comment; 'age-limit' only once the
 * limit is reached; durable employment and qualifying training only with that situation in progress.
 */
export const closeJourney: Rule<'CloseJourney'> = (c, s, policy) => {
  if (c.reason === 'other' && c.comment === null) return refuse({ _tag: 'CommentRequired', reason: c.reason })
  const ageLimitOn = journeyAgeLimitOn(s, policy)
  if (c.reason === 'age-limit' && c.on < ageLimitOn)
    return refuse({ _tag: 'AgeLimitNotReached', on: c.on, ageLimitOn })
  const error = closureBeforeFact(s, c.on) ?? exitWithoutSituation(s, c.on, c.reason, policy)
  if (error !== null) return refuse(error)
  return accept(
    ...closingEvents(s, c.on, c.reason, c.comment, c.reason === 'age-limit' ? 'age-limit' : 'journey-closed'),
  )
}

/** Reopen a closed journey: not before its closing, only before its age limit, never after erasure. */
export const reopenJourney: Rule<'ReopenJourney'> = (c, s, policy) => {
  if (s.status !== 'closed' || s.closedOn === null) return refuse({ _tag: 'JourneyNotClosed' })
  if (s.personalDataErased) return refuse({ _tag: 'ReopeningAfterErasure' })
  if (c.on < s.closedOn) return refuse({ _tag: 'DatedBeforeClosing', on: c.on, closedOn: s.closedOn })
  const ageLimitOn = journeyAgeLimitOn(s, policy)
  if (c.on >= ageLimitOn) return refuse({ _tag: 'AgeLimitReached', on: c.on, ageLimitOn })
  return accept({ type: 'JourneyReopened', ...stamp(s, c.on), counsellorId: c.counsellorId })
}

/**
 * Record a corrected identity (sealed), on an open or closed journey, until the data is erased.
 */
export const rectifyIdentity = (c: CommandOf<'RectifyIdentity'>, s: RegisteredJourney): Decision =>
  s.personalDataErased
    ? refuse({ _tag: 'PersonalDataAlreadyErased' })
    : c.personalData === null
      ? refuse({ _tag: 'NothingToRectify' })
      : accept({ type: 'IdentityRectified', ...stamp(s, c.on), personalData: c.personalData })

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
