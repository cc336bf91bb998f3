import {
  addDays,
  addMonths,
  minDate,
  runningPhase,
  type LocalDate,
  type OtherSituationKind,
  type PhaseId,
  type SituationId,
} from '@parcours/domain'
import { openJourney, send, type AgentContext } from './agentContext.js'
import type { Youth } from './youth.js'

// ---------------------------------------------------------------------------------------------
// PACEA phases, and the other situations: immersion (PMSMP), volunteering, schooling
// ---------------------------------------------------------------------------------------------

/** Starts the next phase of the open PACEA (if none is running) and plans its end. */
export const startPhase = async (ctx: AgentContext, y: Youth, on: LocalDate): Promise<void> => {
  const journey = openJourney(y)
  const pacea = journey?.programme
  if (
    journey === null ||
    pacea === null ||
    pacea === undefined ||
    pacea.programme !== 'PACEA' ||
    runningPhase(journey) !== null
  )
    return
  if (pacea.phasesStarted === 0 && on > addMonths(pacea.enteredOn, 1)) return
  const plannedEndOn = minDate(addMonths(on, y.rng.int(2, 6)), pacea.plannedEndOn)
  if (plannedEndOn < on) return
  y.phases += 1
  const phaseId = `ph-${y.phases}` as PhaseId
  if (!(await send(ctx, y, on, { type: 'StartPaceaPhase', phaseId, plannedEndOn }))) return
  y.intents.push({ kind: 'end-phase', on: plannedEndOn, phaseId })
}

/** Ends a phase still running (one that ended with its PACEA is left alone), and sometimes plans the next. */
export const endPhase = async (
  ctx: AgentContext,
  y: Youth,
  on: LocalDate,
  phaseId: PhaseId,
): Promise<void> => {
  const journey = openJourney(y)
  if (journey?.phases[phaseId]?.endedOn !== null) return
  if (!(await send(ctx, y, on, { type: 'EndPaceaPhase', phaseId }))) return
  if (openJourney(y)?.programme?.programme === 'PACEA' && y.rng.chance(0.6))
    y.intents.push({ kind: 'start-phase', on: addDays(on, y.rng.int(0, 10)) })
}

const plannedEnd = (y: Youth, on: LocalDate, kind: OtherSituationKind): LocalDate =>
  kind === 'immersion'
    ? addDays(on, y.rng.int(5, 27))
    : addMonths(on, kind === 'volunteering' ? y.rng.int(6, 10) : y.rng.int(3, 9))

/** Starts an immersion, a volunteering or a schooling, and plans its end (and, for some immersions, a renewal). */
export const startSituation = async (
  ctx: AgentContext,
  y: Youth,
  on: LocalDate,
  kind: OtherSituationKind,
): Promise<void> => {
  y.situations += 1
  const situationId = `s-${y.situations}` as SituationId
  const plannedEndOn = plannedEnd(y, on, kind)
  if (!(await send(ctx, y, on, { type: 'StartSituation', situationId, kind, plannedEndOn }))) return
  if (kind === 'immersion' && y.rng.chance(0.25))
    y.intents.push({ kind: 'renew-immersion', on: addDays(plannedEndOn, -y.rng.int(0, 3)), situationId })
  else y.intents.push({ kind: 'end-situation', on: plannedEndOn, situationId })
}

/** Renews an immersion in progress once, by up to four weeks, and plans its end. */
export const renewImmersion = async (
  ctx: AgentContext,
  y: Youth,
  on: LocalDate,
  situationId: SituationId,
): Promise<void> => {
  const immersion = openJourney(y)?.situations[situationId]
  if (
    immersion === undefined ||
    immersion.endedOn !== null ||
    immersion.renewedOn !== null ||
    immersion.plannedEndOn === null
  )
    return
  const plannedEndOn = addDays(immersion.plannedEndOn, y.rng.int(5, 27))
  if (!(await send(ctx, y, on, { type: 'RenewImmersion', situationId, plannedEndOn }))) return
  y.intents.push({ kind: 'end-situation', on: plannedEndOn, situationId })
}

/** Ends a situation still in progress. */
export const endSituation = async (
  ctx: AgentContext,
  y: Youth,
  on: LocalDate,
  situationId: SituationId,
): Promise<void> => {
  if (openJourney(y)?.situations[situationId]?.endedOn !== null) return
  await send(ctx, y, on, { type: 'EndSituation', situationId })
}
