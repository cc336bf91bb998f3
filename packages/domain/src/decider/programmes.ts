import { addMonths } from '../model/calendar.js'
import type { JourneyError } from '../model/errors.js'
import type { PhaseId } from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import type { RegisteredJourney } from '../model/state.js'
import { situationsInProgress, trainingsInProgress } from '../model/state.js'
import type { Programme } from '../model/vocabulary.js'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'
import { programmeAgeLimitOn } from './ageLimit.js'
import type { Rule } from './decision.js'
import { accept, refuse, stamp } from './decision.js'
import { cejWaitingEndsOn } from './engagement.js'

// ---------------------------------------------------------------------------------------------
// Programmes: at most one open at a time, never overlapping, within their duration limits.
// ---------------------------------------------------------------------------------------------

const maxMonths = (policy: JourneyPolicy, programme: Programme): number =>
  programme === 'CEJ' ? policy.cejMaxMonths : policy.paceaMaxMonths

/** Enter PACEA or CEJ. */
export const enterProgramme: Rule<'EnterProgramme'> = (c, s, policy) => {
  if (s.programme !== null)
    return refuse({
      _tag: 'ProgrammeAlreadyOpen',
      programme: s.programme.programme,
      enteredOn: s.programme.enteredOn,
    })
  if (s.lastProgrammeExitOn !== null && c.on < s.lastProgrammeExitOn)
    return refuse({ _tag: 'ProgrammesOverlap', on: c.on, previousExitOn: s.lastProgrammeExitOn })
  const ageLimitOn = programmeAgeLimitOn(s, c.programme)
  if (c.on >= ageLimitOn)
    return refuse({ _tag: 'ProgrammeAgeLimitReached', programme: c.programme, ageLimitOn })
  if (c.programme === 'PACEA') {
    if (s.diagnosticOn === null || s.diagnosticOn > c.on)
      return refuse({ _tag: 'DiagnosticRequired', programme: c.programme })
    const latestOn = addMonths(s.diagnosticOn, policy.paceaSignatureWithinMonths)
    if (c.on > latestOn) return refuse({ _tag: 'DiagnosticTooOld', diagnosticOn: s.diagnosticOn, latestOn })
  } else {
    const waitingEndsOn = cejWaitingEndsOn(s, policy.cejReentryWaitMonths)
    if (waitingEndsOn !== null && s.cej.lastTerminatedOn !== null && c.on < waitingEndsOn)
      return refuse({ _tag: 'CejWaitingPeriod', terminatedOn: s.cej.lastTerminatedOn, until: waitingEndsOn })
    const training = trainingsInProgress(s)[0]
    if (training !== undefined) return refuse({ _tag: 'CejWhileInTraining', trainingId: training })
    const schooling = situationsInProgress(s, 'schooling')[0]
    if (schooling !== undefined) return refuse({ _tag: 'CejWhileInSchool', schoolingId: schooling })
  }
  if (c.plannedEndOn <= c.on)
    return refuse({ _tag: 'PlannedEndNotAfterStart', startOn: c.on, plannedEndOn: c.plannedEndOn })
  const months = maxMonths(policy, c.programme)
  const latestEndOn = addMonths(c.on, months)
  if (c.plannedEndOn > latestEndOn)
    return refuse({
      _tag: 'ProgrammeTooLong',
      programme: c.programme,
      maxMonths: months,
      plannedEndOn: c.plannedEndOn,
      latestEndOn,
    })
  return accept({
    type: 'ProgrammeEntered',
    ...stamp(s, c.on),
    programme: c.programme,
    plannedEndOn: c.plannedEndOn,
  })
}

/** Only a CEJ is extended, exceptionally, up to its extended maximum in total. */
export const extendProgramme: Rule<'ExtendProgramme'> = (c, s, policy) => {
  const open = s.programme
  if (open === null) return refuse({ _tag: 'NoOpenProgramme' })
  if (open.programme !== 'CEJ') return refuse({ _tag: 'ExtensionOnlyForCej', programme: open.programme })
  if (c.on < open.enteredOn)
    return refuse({ _tag: 'DatedBeforeProgrammeEntry', on: c.on, enteredOn: open.enteredOn })
  if (c.plannedEndOn <= open.plannedEndOn)
    return refuse({
      _tag: 'ExtensionNotLater',
      plannedEndOn: c.plannedEndOn,
      currentPlannedEndOn: open.plannedEndOn,
    })
  const latestEndOn = addMonths(open.enteredOn, policy.cejExtendedMaxMonths)
  if (c.plannedEndOn > latestEndOn)
    return refuse({
      _tag: 'ProgrammeTooLong',
      programme: open.programme,
      maxMonths: policy.cejExtendedMaxMonths,
      plannedEndOn: c.plannedEndOn,
      latestEndOn,
    })
  return accept({
    type: 'ProgrammeExtended',
    ...stamp(s, c.on),
    programme: open.programme,
    plannedEndOn: c.plannedEndOn,
  })
}

/** The phase of the open programme an exit on `on` would precede (its start, or its end), if any. */
export const phaseBeforeExit = (s: RegisteredJourney, on: LocalDate): JourneyError | null => {
  const open = s.programme
  if (open === null) return null
  for (const [id, p] of Object.entries(s.phases)) {
    if (p.startedOn < open.enteredOn) continue
    const phaseId = id as PhaseId
    if (on < p.startedOn) return { _tag: 'DatedBeforePhaseStart', phaseId, on, startedOn: p.startedOn }
    if (p.endedOn !== null && on < p.endedOn)
      return { _tag: 'DatedBeforePhaseEnd', phaseId, on, endedOn: p.endedOn }
  }
  return null
}

/** End the open programme. */
export const exitProgramme: Rule<'ExitProgramme'> = (c, s) => {
  const open = s.programme
  if (open === null) return refuse({ _tag: 'NoOpenProgramme' })
  if (c.on < open.enteredOn)
    return refuse({ _tag: 'DatedBeforeProgrammeEntry', on: c.on, enteredOn: open.enteredOn })
  const phase = phaseBeforeExit(s, c.on)
  if (phase !== null) return refuse(phase)
  return accept({ type: 'ProgrammeExited', ...stamp(s, c.on), programme: open.programme, reason: c.reason })
}
