import { addDays, daysBetween, type LocalDate, type SessionId, type SessionKind } from '@parcours/domain'
import { openJourney, send, type AgentContext } from './agentContext.js'
import { calibration } from './calibration.js'
import type { Youth } from './youth.js'

// ---------------------------------------------------------------------------------------------
// collective sessions: each mission locale holds a workshop every Tuesday and an information
// session every other Thursday; the simulator keeps their registrations, as the shell would.
// ---------------------------------------------------------------------------------------------

// 2024-01-01 was a Monday.
const MONDAY = '2024-01-01' as LocalDate

const holds = (kind: SessionKind, day: LocalDate): boolean => {
  const n = daysBetween(MONDAY, day)
  return kind === 'workshop' ? n % 7 === 1 : n % 14 === 3
}

/** Registers the young person to the next session of that kind with a free place, and plans what follows. */
export const prescribeSession = async (
  ctx: AgentContext,
  y: Youth,
  on: LocalDate,
  kind: SessionKind,
): Promise<void> => {
  // Seats go in the day's order of the young people, whatever the interleaving of their commands.
  await ctx.inTurn(y)
  for (let day = addDays(on, 5); day <= addDays(on, 60); day = addDays(day, 1)) {
    if (!holds(kind, day)) continue
    const sessionId = `${y.missionLocaleId}-${kind}-${day}` as SessionId
    const registrations = ctx.sessions.get(sessionId) ?? 0
    if (registrations >= calibration.sessionCapacity) continue
    if (openJourney(y)?.sessions[sessionId] !== undefined) return
    const prescribed = await send(ctx, y, on, {
      type: 'PrescribeSession',
      sessionId,
      kind,
      heldOn: day,
      capacity: calibration.sessionCapacity,
      registrations,
    })
    if (!prescribed) return
    ctx.sessions.set(sessionId, registrations + 1)
    const r = y.rng.next()
    if (r < 0.06)
      y.intents.push({ kind: 'refuse-session', on: addDays(on, y.rng.int(1, 4)), sessionId, by: 'youth' })
    else if (r < 0.09)
      y.intents.push({
        kind: 'refuse-session',
        on: addDays(on, y.rng.int(1, 4)),
        sessionId,
        by: 'third-party',
      })
    else y.intents.push({ kind: 'session', on: addDays(day, y.rng.int(0, 2)), sessionId })
    return
  }
}

/** Attendance taken after the session, or a refusal before it. */
export const settleSession = async (
  ctx: AgentContext,
  y: Youth,
  day: LocalDate,
  sessionId: SessionId,
  by: 'youth' | 'third-party' | null,
): Promise<void> => {
  const session = openJourney(y)?.sessions[sessionId]
  if (session === undefined || session.outcome !== null) return
  if (by !== null) await send(ctx, y, day, { type: 'RefuseSession', sessionId, by })
  else
    await send(ctx, y, day, {
      type: 'RecordSessionAttendance',
      sessionId,
      present: y.rng.chance(y.profile.engagement),
    })
}
