import {
  addDays,
  isPending,
  journeyAgeLimitOn,
  themes,
  type FollowUpId,
  type LocalDate,
  type AgedJourney,
  type RegisteredJourney,
  type RequestId,
} from '@parcours/domain'
import { ageLimitsOfYouth, maybeComment, openJourney, seal, send, type AgentContext } from './agentContext.js'
import { calibration } from './calibration.js'
import { closeFor, contact } from './contact.js'
import { breachOnMiss } from './engagement.js'
import { answerProposal } from './proposals.js'
import { settleSession } from './sessions.js'
import { endPhase, endSituation, renewImmersion, startPhase } from './situations.js'
import { themeWeights, type Intent, type Youth } from './youth.js'

// ---------------------------------------------------------------------------------------------
// the agent of one young person: what happens on the days they are woken up
// ---------------------------------------------------------------------------------------------

const register = async (ctx: AgentContext, y: Youth, on: LocalDate): Promise<void> => {
  const { firstName, lastName, birthDate, rqth } = y.person
  const personalData = await seal(ctx, y, { firstName, lastName, birthDate })
  const sealedAgeLimits = await seal(ctx, y, ageLimitsOfYouth(y))
  const registered = await send(ctx, y, on, {
    type: 'RegisterYouth',
    counsellorId: y.counsellorId,
    birthDate,
    rqth,
    personalData,
    sealedAgeLimits,
  })
  if (!registered) return
  const requests = y.rng.chance(0.3) ? 2 : 1
  for (let i = 1; i <= requests; i++) {
    const theme = i === 1 ? y.rng.weighted(themeWeights(y.profile.track)) : y.rng.pick(themes)
    await send(ctx, y, on, {
      type: 'RecordRequest',
      requestId: `r-${i}` as RequestId,
      theme,
      comment: await maybeComment(ctx, y, 0.4),
    })
  }
}

/** Whether a time-driven rule is due: the simulator then sends ApplyTimeRules, like a daily clock would. */
const isPendingIn = (journey: RegisteredJourney | null, id: FollowUpId): boolean => {
  const f = journey?.followUps[id]
  return f !== undefined && isPending(f)
}

const timeRulesDue = (s: AgedJourney, day: LocalDate): boolean =>
  day >= journeyAgeLimitOn(s) ||
  (s.programme !== null && s.programme.plannedEndOn < day) ||
  Object.values(s.followUps).some((f) => isPending(f) && !f.overdue && f.dueOn < day) ||
  Object.values(s.proposals).some((p) => p.status === 'offered' && p.respondBy < day)

const runIntent = async (ctx: AgentContext, y: Youth, day: LocalDate, intent: Intent): Promise<void> => {
  const journey = openJourney(y)
  if (intent.kind === 'reopen') {
    if (y.state.status === 'closed')
      await send(ctx, y, day, { type: 'ReopenJourney', counsellorId: y.counsellorId })
    return
  }
  if (journey === null) return
  switch (intent.kind) {
    case 'answer':
      return answerProposal(ctx, y, day, intent.proposalId, intent.outcome)
    case 'end-training':
      if (journey.situations[intent.trainingId]?.endedOn === null)
        await send(ctx, y, day, { type: 'EndTraining', trainingId: intent.trainingId, result: intent.result })
      return
    case 'end-employment':
      if (journey.situations[intent.employmentId]?.endedOn === null)
        await send(ctx, y, day, { type: 'EndEmployment', employmentId: intent.employmentId })
      return
    case 'exit-programme':
      if (journey.programme !== null)
        await send(ctx, y, day, { type: 'ExitProgramme', reason: intent.reason })
      return
    case 'extend-programme':
      if (journey.programme?.programme === 'CEJ') {
        const extended =
          addDays(journey.cejAgeLimitOn, -1) < addDays(journey.programme.plannedEndOn, 180)
            ? addDays(journey.cejAgeLimitOn, -1)
            : addDays(journey.programme.plannedEndOn, 180)
        if (extended > journey.programme.plannedEndOn)
          await send(ctx, y, day, { type: 'ExtendProgramme', plannedEndOn: extended })
      }
      return
    case 'close':
      await send(ctx, y, day, { type: 'CloseJourney', reason: intent.reason, comment: null })
      return
    case 'late':
      return lateFollowUp(ctx, y, day, intent.followUpId)
    case 'start-phase':
      return startPhase(ctx, y, day)
    case 'end-phase':
      return endPhase(ctx, y, day, intent.phaseId)
    case 'renew-immersion':
      return renewImmersion(ctx, y, day, intent.situationId)
    case 'end-situation':
      return endSituation(ctx, y, day, intent.situationId)
    case 'session':
      return settleSession(ctx, y, day, intent.sessionId, null)
    case 'refuse-session':
      return settleSession(ctx, y, day, intent.sessionId, intent.by)
    case 'tick':
      // The time rules already ran for this wake-up when they were due.
      return
  }
}

/**
 * An overdue follow-up, some days later: the young person comes after all, is marked absent,
 * its attendance is recorded as not known (*Non précisé*), or it is dropped.
 */
const lateFollowUp = async (
  ctx: AgentContext,
  y: Youth,
  day: LocalDate,
  followUpId: FollowUpId,
): Promise<void> => {
  const f = openJourney(y)?.followUps[followUpId]
  // A follow-up moved to a later day since is handled on that day.
  if (f === undefined || !isPending(f) || f.dueOn > day) return
  const r = y.rng.next()
  if (r < 0.4) return contact(ctx, y, day, followUpId)
  if (r < 0.65) return missed(ctx, y, day, followUpId)
  if (r < 0.85) return unspecified(ctx, y, day, followUpId)
  await send(ctx, y, day, { type: 'CancelFollowUp', followUpId })
}

const missed = async (ctx: AgentContext, y: Youth, day: LocalDate, followUpId: FollowUpId): Promise<void> => {
  if (!(await send(ctx, y, day, { type: 'MissFollowUp', followUpId }))) return
  await breachOnMiss(ctx, y, day)
  y.missesInRow += 1
  if (y.missesInRow >= calibration.lostContactAfterMisses) await closeFor(ctx, y, day, 'lost-contact')
}

const unspecified = async (
  ctx: AgentContext,
  y: Youth,
  day: LocalDate,
  followUpId: FollowUpId,
): Promise<void> => void (await send(ctx, y, day, { type: 'MarkFollowUpUnspecified', followUpId }))

/** A follow-up due today: rescheduled, cancelled, kept, missed, or left unrecorded (it will become overdue). */
const dueToday = async (
  ctx: AgentContext,
  y: Youth,
  day: LocalDate,
  followUpId: FollowUpId,
): Promise<void> => {
  const r = y.rng.next()
  if (r < 0.03) {
    await send(ctx, y, day, { type: 'RescheduleFollowUp', followUpId, dueOn: addDays(day, y.rng.int(3, 10)) })
    return
  }
  if (r < 0.05) {
    await send(ctx, y, day, { type: 'CancelFollowUp', followUpId })
    return
  }
  if (y.rng.chance(y.profile.engagement)) return contact(ctx, y, day, followUpId)
  if (y.rng.chance(0.6)) return missed(ctx, y, day, followUpId)
  y.intents.push(
    { kind: 'tick', on: addDays(day, y.rng.int(1, 4)) },
    { kind: 'late', on: addDays(day, y.rng.int(5, 14)), followUpId },
  )
}

/** Everything the young person does on `day`. */
export const actOn = async (ctx: AgentContext, y: Youth, day: LocalDate): Promise<void> => {
  if (y.state.status === 'unregistered') {
    if (day >= y.registeredOn) await register(ctx, y, day)
    return
  }
  const open = openJourney(y)
  if (open !== null && timeRulesDue(open, day)) await send(ctx, y, day, { type: 'ApplyTimeRules' })
  const due = y.intents.filter((i) => i.on <= day)
  y.intents = y.intents.filter((i) => i.on > day)
  for (const intent of due) await runIntent(ctx, y, day, intent)
  const journey = openJourney(y)
  if (journey === null) return
  // Today's follow-ups, even one the clock has just marked overdue on its due date.
  const today = Object.entries(journey.followUps)
    .filter(([, f]) => isPending(f) && f.dueOn === day)
    .map(([id]) => id as FollowUpId)
    .sort()
  for (const id of today) if (isPendingIn(openJourney(y), id)) await dueToday(ctx, y, day, id)
  planLateFollowUps(y, day)
}

/** Every overdue follow-up still pending gets a later decision, so no journey is left stalled. */
const planLateFollowUps = (y: Youth, day: LocalDate): void => {
  const journey = openJourney(y)
  if (journey === null) return
  const planned = new Set(y.intents.flatMap((i) => (i.kind === 'late' ? [i.followUpId] : [])))
  for (const [id, f] of Object.entries(journey.followUps).sort(([a], [b]) => (a < b ? -1 : 1)))
    if (isPending(f) && f.overdue && !planned.has(id as FollowUpId))
      y.intents.push({ kind: 'late', on: addDays(day, y.rng.int(3, 12)), followUpId: id as FollowUpId })
}

/** The next day this young person has something to do, after `day`. */
export const nextWake = (y: Youth, day: LocalDate): LocalDate | null => {
  const candidates: LocalDate[] = []
  if (y.state.status === 'unregistered') candidates.push(y.registeredOn)
  for (const i of y.intents) if (y.state.status === 'open' || i.kind === 'reopen') candidates.push(i.on)
  const journey = openJourney(y)
  if (journey !== null) {
    candidates.push(journeyAgeLimitOn(journey))
    if (journey.programme !== null) candidates.push(addDays(journey.programme.plannedEndOn, 1))
    for (const f of Object.values(journey.followUps)) if (isPending(f) && !f.overdue) candidates.push(f.dueOn)
  }
  if (candidates.length === 0) return null
  const earliest = candidates.reduce((a, b) => (a < b ? a : b))
  const tomorrow = addDays(day, 1)
  return earliest < tomorrow ? tomorrow : earliest
}

/** The last tick of the run: the clock applies the time rules to every open journey. */
export const finalTick = async (ctx: AgentContext, y: Youth, day: LocalDate): Promise<void> => {
  if (openJourney(y) !== null) await send(ctx, y, day, { type: 'ApplyTimeRules' })
}
