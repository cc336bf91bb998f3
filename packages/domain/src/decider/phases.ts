import { addMonths } from '../model/calendar.js'
import type { LocalDate } from '../model/localDate.js'
import { entryOf, runningPhase } from '../model/state.js'
import type { Rule } from './decision.js'
import { accept, refuse, stamp } from './decision.js'

// ---------------------------------------------------------------------------------------------
// PACEA phases: one running at a time, inside the open PACEA, the first one started soon after
// the signature (policy). A phase still running when its PACEA ends ends with it (see evolve).
// ---------------------------------------------------------------------------------------------

/** Start a phase of the open PACEA. */
export const startPaceaPhase: Rule<'StartPaceaPhase'> = (c, s, policy) => {
  const open = s.programme
  if (open === null || open.programme !== 'PACEA')
    return refuse({ _tag: 'NoOpenPacea', openProgramme: open?.programme ?? null })
  if (c.on < open.enteredOn)
    return refuse({ _tag: 'DatedBeforeProgrammeEntry', on: c.on, enteredOn: open.enteredOn })
  if (entryOf(s.phases, c.phaseId) !== undefined)
    return refuse({ _tag: 'DuplicatePhase', phaseId: c.phaseId })
  const running = runningPhase(s)
  if (running !== null)
    return refuse({ _tag: 'PhaseAlreadyRunning', phaseId: running, startedOn: s.phases[running]!.startedOn })
  const previousEndOn = Object.values(s.phases).reduce<LocalDate | null>(
    (d, p) => (p.endedOn !== null && (d === null || p.endedOn > d) ? p.endedOn : d),
    null,
  )
  if (previousEndOn !== null && c.on < previousEndOn)
    return refuse({ _tag: 'PhasesOverlap', on: c.on, previousEndOn })
  if (open.phasesStarted === 0) {
    const latestOn = addMonths(open.enteredOn, policy.paceaFirstPhaseWithinMonths)
    if (c.on > latestOn)
      return refuse({ _tag: 'FirstPhaseTooLate', on: c.on, signedOn: open.enteredOn, latestOn })
  }
  if (c.plannedEndOn < c.on) return refuse({ _tag: 'EndBeforeStart', startOn: c.on, endOn: c.plannedEndOn })
  if (c.plannedEndOn > open.plannedEndOn)
    return refuse({
      _tag: 'PhaseEndsAfterProgramme',
      plannedEndOn: c.plannedEndOn,
      programmePlannedEndOn: open.plannedEndOn,
    })
  return accept({
    type: 'PaceaPhaseStarted',
    ...stamp(s, c.on),
    phaseId: c.phaseId,
    plannedEndOn: c.plannedEndOn,
  })
}

/** End the running phase. */
export const endPaceaPhase: Rule<'EndPaceaPhase'> = (c, s) => {
  const phase = entryOf(s.phases, c.phaseId)
  if (phase === undefined) return refuse({ _tag: 'UnknownPhase', phaseId: c.phaseId })
  if (phase.endedOn !== null)
    return refuse({ _tag: 'PhaseAlreadyEnded', phaseId: c.phaseId, endedOn: phase.endedOn })
  if (c.on < phase.startedOn) return refuse({ _tag: 'EndBeforeStart', startOn: phase.startedOn, endOn: c.on })
  return accept({ type: 'PaceaPhaseEnded', ...stamp(s, c.on), phaseId: c.phaseId })
}
