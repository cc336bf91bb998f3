import {
  addDays,
  addMonths,
  defaultJourneyPolicy,
  followUpCadenceDays,
  minDate,
  type FollowUpId,
  type LocalDate,
  type Programme,
  type AgedJourney,
} from '@parcours/domain'
import { maybeComment, openJourney, send, type AgentContext } from './agentContext.js'
import { calibration } from './calibration.js'
import { engageAtContact, signCej } from './engagement.js'
import { offerProposal, startEmployment } from './proposals.js'
import { prescribeSession } from './sessions.js'
import { startSituation } from './situations.js'
import type { Youth } from './youth.js'

// ---------------------------------------------------------------------------------------------
// a contact: what a counsellor does when the young person comes to a follow-up
// ---------------------------------------------------------------------------------------------

const OFFER_RATE = { employment: 0.6, training: 0.6, social: 0.5, drifting: 0.35 } as const

/** Closes the journey for a reason that may need a comment, and sometimes plans a reopening. */
export const closeFor = async (
  ctx: AgentContext,
  y: Youth,
  on: LocalDate,
  reason: 'moved-away' | 'youth-request' | 'other' | 'lost-contact',
): Promise<void> => {
  const comment = await maybeComment(ctx, y, reason === 'other' ? 1 : 0.2)
  if (!(await send(ctx, y, on, { type: 'CloseJourney', reason, comment }))) return
  if ((reason === 'lost-contact' || reason === 'youth-request') && y.rng.chance(0.2))
    y.intents.push({ kind: 'reopen', on: addDays(on, y.rng.int(30, 120)) })
}

const enterProgramme = async (
  ctx: AgentContext,
  y: Youth,
  on: LocalDate,
  journey: AgedJourney,
  programme: Programme,
): Promise<void> => {
  y.programmeTried = true
  const limit = addDays(programme === 'CEJ' ? journey.cejAgeLimitOn : journey.ageLimitOn, -1)
  const plannedEndOn = minDate(addMonths(on, programme === 'CEJ' ? 12 : y.rng.int(6, 18)), limit)
  if (plannedEndOn <= on) return
  if (!(await send(ctx, y, on, { type: 'EnterProgramme', programme, plannedEndOn }))) return
  if (programme === 'CEJ') await signCej(ctx, y, on)
  if (programme === 'PACEA') y.intents.push({ kind: 'start-phase', on: addDays(on, y.rng.int(0, 25)) })
  if (y.rng.chance(0.1))
    y.intents.push({ kind: 'exit-programme', on: addDays(on, y.rng.int(30, 200)), reason: 'youth-request' })
  else if (programme === 'CEJ' && y.rng.chance(0.06))
    y.intents.push({ kind: 'exit-programme', on: addDays(on, y.rng.int(30, 200)), reason: 'breach' })
  else if (programme === 'CEJ' && y.rng.chance(0.2))
    y.intents.push({ kind: 'extend-programme', on: addDays(plannedEndOn, -y.rng.int(5, 25)) })
}

/** The young person came: the counsellor keeps the follow-up and moves the journey on. */
export const contact = async (
  ctx: AgentContext,
  y: Youth,
  on: LocalDate,
  followUpId: FollowUpId,
): Promise<void> => {
  await planNextAppointment(ctx, y, on)
  if (
    !(await send(ctx, y, on, { type: 'KeepFollowUp', followUpId, comment: await maybeComment(ctx, y, 0.25) }))
  )
    return
  y.contacts += 1
  y.missesInRow = 0
  const early = y.profile.earlyExit
  if (early !== null && y.contacts >= early.afterContacts) return closeFor(ctx, y, on, early.reason)
  let journey = openJourney(y)
  if (journey === null) return
  if (journey.diagnosticOn === null) {
    await send(ctx, y, on, { type: 'CompleteDiagnostic', comment: await maybeComment(ctx, y, 0.7) })
    journey = openJourney(y)
    if (journey === null) return
  }
  if (y.profile.programme !== null && journey.programme === null && !y.programmeTried)
    await enterProgramme(ctx, y, on, journey, y.profile.programme)
  if (y.profile.transfers && !y.transferred && y.contacts >= 3) {
    y.transferred = true
    const others = ctx.network.filter((ml) => ml.id !== y.missionLocaleId)
    if (others.length > 0) {
      const to = y.rng.pick(others)
      await send(ctx, y, on, {
        type: 'TransferJourney',
        toMissionLocaleId: to.id,
        counsellorId: y.rng.pick(to.counsellors),
      })
    }
  }
  if (y.profile.reassigned && y.contacts === 2) {
    const colleagues =
      ctx.network
        .find((ml) => ml.id === y.missionLocaleId)
        ?.counsellors.filter((c) => c !== y.counsellorId) ?? []
    if (colleagues.length > 0)
      await send(ctx, y, on, { type: 'AssignCounsellor', counsellorId: y.rng.pick(colleagues) })
  }
  journey = openJourney(y)
  if (journey === null) return
  const employed = Object.values(journey.situations).some(
    (s) => s.kind === 'employment' && s.endedOn === null,
  )
  if (!employed) {
    if (y.rng.chance(OFFER_RATE[y.profile.track])) await offerProposal(ctx, y, on)
    if (y.rng.chance(0.12)) await offerProposal(ctx, y, on)
    if (y.profile.track === 'employment' && y.rng.chance(0.03)) await startEmployment(ctx, y, on, null)
    const busy = Object.values(journey.situations).some(
      (s) => (s.kind === 'volunteering' || s.kind === 'schooling') && s.endedOn === null,
    )
    if (!busy && openJourney(y) !== null && y.rng.chance(0.015))
      await startSituation(ctx, y, on, y.profile.track === 'training' ? 'schooling' : 'volunteering')
  }
  await engageAtContact(ctx, y, on)
  if (openJourney(y) !== null && y.rng.chance(calibration.sessionChance))
    await prescribeSession(ctx, y, on, y.rng.chance(0.6) ? 'workshop' : 'information-session')
}

/**
 * During a meeting the counsellor plans the next one — an interview or a call — within the
 * policy's cadence (weekly early in a CEJ), so the domain need not schedule one itself.
 */
const planNextAppointment = async (ctx: AgentContext, y: Youth, on: LocalDate): Promise<void> => {
  const journey = openJourney(y)
  if (journey === null) return
  const [min, max] = calibration.nextAppointmentDays
  const cadence = followUpCadenceDays(journey, on, defaultJourneyPolicy)
  y.appointments += 1
  await send(ctx, y, on, {
    type: 'ScheduleFollowUp',
    followUpId: `a-${y.appointments}` as FollowUpId,
    dueOn: addDays(on, Math.min(cadence, y.rng.int(min, max))),
    kind: y.rng.chance(calibration.phoneShare) ? 'phone-or-video-call' : 'individual-interview',
  })
}
