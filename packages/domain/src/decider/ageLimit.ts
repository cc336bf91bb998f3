import { ageLimitInForceOn } from '../model/ageLimits.js'
import { addDays } from '../model/calendar.js'
import type { LocalDate } from '../model/localDate.js'
import type { AgedJourney, RegisteredJourney } from '../model/state.js'
import { isPending } from '../model/state.js'
import type { Programme } from '../model/vocabulary.js'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'
import { defaultJourneyPolicy } from '../policy/journeyPolicy.js'

// ---------------------------------------------------------------------------------------------
// The age limit, in one place. The 26th birthday ends a journey; with RQTH the 30th, but only
// inside an open CEJ: outside a CEJ the journey ages out at 26 (docs/domain.md, "Age limits").
// ---------------------------------------------------------------------------------------------

/** The last day a programme may run for the young person's age: the 30th birthday (RQTH) for a CEJ, else the 26th. */
export const programmeAgeLimitOn = (state: AgedJourney, programme: Programme): LocalDate =>
  programme === 'CEJ' ? state.cejAgeLimitOn : state.ageLimitOn

/**
 * The day the journey ages out, in the state it is in, always the 1st of a month (the limits are
 * — `ageLimitsInForce` — and the two cases that depend on another date are taken to the next 1st):
 * - in an open CEJ, the CEJ's age limit (the 30th birthday with RQTH, else the 26th);
 * - after a CEJ that carried the young person past the 26th birthday, the 1st of the month after
 *   the day that CEJ ended;
 * - registered past the 26th birthday (RQTH, for the CEJ only) and no CEJ entered since, the first
 *   1st on or after the end of the delay to enter it (`rqthCejEntryWithinDays`), within the 30th birthday;
 * - otherwise the 26th birthday's limit.
 * From that day on the journey is past its age limit: it closes, and it is never reopened. Dated
 * to a day (the CEJ's end, the registration plus the delay), the closing of a young person past 26
 * would tell the RQTH apart; on the next 1st it looks like anyone's whose 26th birthday fell in that
 * month.
 */
export const journeyAgeLimitOn = (
  state: AgedJourney,
  policy: JourneyPolicy = defaultJourneyPolicy,
): LocalDate => {
  if (state.programme?.programme === 'CEJ') return state.cejAgeLimitOn
  if (state.lastCejExitOn !== null && state.lastCejExitOn > state.ageLimitOn) {
    const after = ageLimitInForceOn(addDays(state.lastCejExitOn, 1))
    return after < state.cejAgeLimitOn ? after : state.cejAgeLimitOn
  }
  if (state.registeredOn >= state.ageLimitOn && state.lastCejExitOn === null) {
    const entryBy = ageLimitInForceOn(addDays(state.registeredOn, policy.rqthCejEntryWithinDays))
    return entryBy < state.cejAgeLimitOn ? entryBy : state.cejAgeLimitOn
  }
  return state.ageLimitOn
}

/**
 * The day an age-out closes the journey: its age limit, or the first 1st on or after the latest
 * date of what the closing ends, when a later fact moved the limit back before it (a CEJ exit
 * recorded after the fact): a closing is never dated before what it closes, and always on a 1st.
 */
export const ageOutOn = (state: RegisteredJourney, ageLimitOn: LocalDate): LocalDate => {
  let on = ageLimitOn
  const notBefore = (d: LocalDate | null) => {
    if (d !== null && d > on) on = d
  }
  if (state.programme !== null) notBefore(state.programme.enteredOn)
  for (const p of Object.values(state.proposals))
    if (p.outcome === null) notBefore(p.acceptedOn ?? p.offeredOn)
  for (const x of Object.values(state.sessions)) if (x.outcome === null) notBefore(x.prescribedOn)
  for (const f of Object.values(state.followUps)) if (isPending(f)) notBefore(f.scheduledOn)
  for (const x of Object.values(state.situations))
    if (x.endedOn === null) notBefore(x.renewedOn ?? x.startedOn)
  for (const ph of Object.values(state.phases)) if (ph.endedOn === null) notBefore(ph.startedOn)
  return ageLimitInForceOn(on)
}
