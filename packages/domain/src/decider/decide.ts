import { isLeft, right } from 'fp-ts/lib/Either.js'
import { addDays } from '../model/calendar.js'
import type { JourneyCommand } from '../model/commands.js'
import type { AgedJourney, JourneyState, RegisteredJourney } from '../model/state.js'
import { withAgeLimits } from '../model/state.js'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'
import { journeyAgeLimitOn } from './ageLimit.js'
import { closeJourney, erasePersonalData, rectifyIdentity, reopenJourney } from './closing.js'
import { assignCounsellor, completeDiagnostic, recordRequest, transferJourney } from './counselling.js'
import type { Decision } from './decision.js'
import { refuse } from './decision.js'
import {
  declareActivity,
  decideCejSanction,
  recordCejBreach,
  recordCejHearing,
  setCejAllowance,
  shortenCejWaitingPeriod,
  validateActivity,
} from './engagement.js'
import { foldJourney } from './evolve.js'
import {
  cancelFollowUp,
  keepFollowUp,
  markFollowUpUnspecified,
  missFollowUp,
  policyFollowUp,
  rescheduleFollowUp,
  scheduleFollowUp,
} from './followUps.js'
import { endSituation, renewImmersion, startSituation } from './otherSituations.js'
import { endPaceaPhase, startPaceaPhase } from './phases.js'
import { enterProgramme, exitProgramme, extendProgramme } from './programmes.js'
import { acceptProposal, offerProposal, recordProposalOutcome } from './proposals.js'
import { registerYouth } from './registration.js'
import { prescribeSession, recordSessionAttendance, refuseSession } from './sessions.js'
import { endEmployment, endTraining, startEmployment, startTraining } from './situations.js'
import { timeDrivenFacts } from './timeRules.js'

// ---------------------------------------------------------------------------------------------
// decide: the guards every command passes, then the command's own rule, then the follow-up policy.
// ---------------------------------------------------------------------------------------------

const ruleFor = (c: JourneyCommand, s: AgedJourney, p: JourneyPolicy): Decision => {
  switch (c.type) {
    case 'RegisterYouth':
      return refuse({ _tag: 'AlreadyRegistered', registeredOn: s.registeredOn })
    case 'AssignCounsellor':
      return assignCounsellor(c, s, p)
    case 'TransferJourney':
      return transferJourney(c, s, p)
    case 'RecordRequest':
      return recordRequest(c, s, p)
    case 'CompleteDiagnostic':
      return completeDiagnostic(c, s, p)
    case 'EnterProgramme':
      return enterProgramme(c, s, p)
    case 'ExtendProgramme':
      return extendProgramme(c, s, p)
    case 'ExitProgramme':
      return exitProgramme(c, s, p)
    case 'StartPaceaPhase':
      return startPaceaPhase(c, s, p)
    case 'EndPaceaPhase':
      return endPaceaPhase(c, s, p)
    case 'OfferProposal':
      return offerProposal(c, s, p)
    case 'AcceptProposal':
      return acceptProposal(c, s, p)
    case 'RecordProposalOutcome':
      return recordProposalOutcome(c, s, p)
    case 'StartTraining':
      return startTraining(c, s, p)
    case 'EndTraining':
      return endTraining(c, s, p)
    case 'StartEmployment':
      return startEmployment(c, s, p)
    case 'EndEmployment':
      return endEmployment(c, s, p)
    case 'StartSituation':
      return startSituation(c, s, p)
    case 'EndSituation':
      return endSituation(c, s, p)
    case 'RenewImmersion':
      return renewImmersion(c, s, p)
    case 'ScheduleFollowUp':
      return scheduleFollowUp(c, s, p)
    case 'RescheduleFollowUp':
      return rescheduleFollowUp(c, s, p)
    case 'KeepFollowUp':
      return keepFollowUp(c, s, p)
    case 'MissFollowUp':
      return missFollowUp(c, s, p)
    case 'CancelFollowUp':
      return cancelFollowUp(c, s, p)
    case 'MarkFollowUpUnspecified':
      return markFollowUpUnspecified(c, s, p)
    case 'PrescribeSession':
      return prescribeSession(c, s, p)
    case 'RefuseSession':
      return refuseSession(c, s, p)
    case 'RecordSessionAttendance':
      return recordSessionAttendance(c, s, p)
    case 'CloseJourney':
      return closeJourney(c, s, p)
    case 'ReopenJourney':
      return reopenJourney(c, s, p)
    case 'ApplyTimeRules':
      // Its facts are the time-driven ones every command records first (see `guarded`).
      return right([])
    case 'ErasePersonalData':
      return erasePersonalData(c, s)
    case 'RectifyIdentity':
      return rectifyIdentity(c, s)
    case 'DeclareActivity':
      return declareActivity(c, s, p)
    case 'ValidateActivity':
      return validateActivity(c, s, p)
    case 'SetCejAllowance':
      return setCejAllowance(c, s, p)
    case 'RecordCejBreach':
      return recordCejBreach(c, s, p)
    case 'RecordCejHearing':
      return recordCejHearing(c, s, p)
    case 'DecideCejSanction':
      return decideCejSanction(c, s, p)
    case 'ShortenCejWaitingPeriod':
      return shortenCejWaitingPeriod(c, s, p)
  }
}

// Commands still accepted once the age limit is reached: the clock's, closing, and erasure.
const allowedPastAgeLimit: ReadonlySet<JourneyCommand['type']> = new Set([
  'ApplyTimeRules',
  'CloseJourney',
  'ErasePersonalData',
  'RectifyIdentity',
  'ReopenJourney',
])

const guarded = (c: JourneyCommand, s: RegisteredJourney, p: JourneyPolicy): Decision => {
  if (c.youthId !== s.youthId) return refuse({ _tag: 'WrongYouth' })
  if (c.missionLocaleId !== s.missionLocaleId)
    return refuse({ _tag: 'WrongMissionLocale', missionLocaleId: c.missionLocaleId })
  if (c.type === 'RegisterYouth') return refuse({ _tag: 'AlreadyRegistered', registeredOn: s.registeredOn })
  if (c.on < s.registeredOn)
    return refuse({ _tag: 'DatedBeforeRegistration', on: c.on, registeredOn: s.registeredOn })
  if (c.on < s.heldSince)
    return refuse({ _tag: 'DatedBeforeReopeningOrTransfer', on: c.on, since: s.heldSince })
  // Erasing the key is no fact of the journey's course: it records nothing else, and needs no age.
  // Nor is correcting their identity.
  if (c.type === 'ErasePersonalData') return erasePersonalData(c, s)
  if (c.type === 'RectifyIdentity') return rectifyIdentity(c, s)
  const aged = withAgeLimits(s, c.ageLimits)
  if (aged === null) return withoutAgeLimits(c, s)
  // What fell due before the command's day is recorded first, dated when it fell due: the command
  // meets the journey as the nightly tick of the day before left it, whether that tick ran on time,
  // late or not at all. The tick itself (ApplyTimeRules) records what falls due on its day too.
  const caughtUp = timeDrivenFacts(aged, c.type === 'ApplyTimeRules' ? c.on : addDays(c.on, -1), p)
  const now = caughtUp.state
  if (now.status === 'unregistered') return right(caughtUp.events)
  if (c.type === 'ApplyTimeRules' && s.status === 'open') return right(caughtUp.events)
  const own = checked(c, { ...now, ageLimitOn: aged.ageLimitOn, cejAgeLimitOn: aged.cejAgeLimitOn }, p)
  if (isLeft(own)) return own
  const events = [...caughtUp.events, ...own.right]
  return withPendingFollowUp(right(events), s, c.on, p)
}

const isClosedTo = (c: JourneyCommand, s: RegisteredJourney): boolean =>
  s.status === 'closed' && s.closedOn !== null && c.type !== 'ReopenJourney' && c.type !== 'ErasePersonalData'

// Without its age limits (sealed, not opened) a journey still refuses what it would refuse anyway,
// and still records an erasure: that must go through even once the key can no longer open them.
const withoutAgeLimits = (c: JourneyCommand, s: RegisteredJourney): Decision => {
  if (isClosedTo(c, s) && s.closedOn !== null)
    return refuse({ _tag: 'JourneyIsClosed', command: c.type, closedOn: s.closedOn })
  if (c.type === 'ErasePersonalData') return erasePersonalData(c, s)
  if (c.type === 'ReopenJourney' && s.personalDataErased) return refuse({ _tag: 'ReopeningAfterErasure' })
  return refuse({ _tag: s.personalDataErased ? 'AgeLimitsErased' : 'AgeLimitsUnknown', command: c.type })
}

const checked = (c: JourneyCommand, s: AgedJourney, p: JourneyPolicy): Decision => {
  if (isClosedTo(c, s) && s.closedOn !== null)
    return refuse({ _tag: 'JourneyIsClosed', command: c.type, closedOn: s.closedOn })
  const ageLimitOn = journeyAgeLimitOn(s, p)
  if (s.status === 'open' && c.on >= ageLimitOn && !allowedPastAgeLimit.has(c.type))
    return refuse({ _tag: 'AgeLimitReached', on: c.on, ageLimitOn })
  return ruleFor(c, s, p)
}

/** Appends the policy's follow-up when the decided events would leave an open journey without one. */
const withPendingFollowUp = (
  decision: Decision,
  s: JourneyState,
  on: JourneyCommand['on'],
  p: JourneyPolicy,
): Decision => {
  if (isLeft(decision)) return decision
  const after = foldJourney(decision.right, s)
  if (after.status !== 'open') return decision
  const followUp = policyFollowUp(after, on, p)
  return followUp === null ? decision : right([...decision.right, followUp])
}

/** Decides a command against a journey state under a policy. Total: refusals are values. */
export const decideWithPolicy =
  (policy: JourneyPolicy) =>
  (command: JourneyCommand, state: JourneyState): Decision => {
    if (state.status === 'unregistered') {
      if (command.type !== 'RegisterYouth') return refuse({ _tag: 'NotRegistered', command: command.type })
      const registered = registerYouth(command, policy)
      return withPendingFollowUp(
        isLeft(registered) ? registered : right([registered.right]),
        state,
        command.on,
        policy,
      )
    }
    return guarded(command, state, policy)
  }
