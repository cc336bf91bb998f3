import { addDays } from '../model/calendar.js'
import type { JourneyEvent } from '../model/events.js'
import type { FollowUpId, ProposalId, SessionId } from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import type { AgedJourney, JourneyState } from '../model/state.js'
import { isPending } from '../model/state.js'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'
import { ageOutOn, journeyAgeLimitOn, programmeAgeLimitOn } from './ageLimit.js'
import { closingEvents } from './closing.js'
import { stamp } from './decision.js'
import { evolveJourney } from './evolve.js'
import { followUpCadenceDays, nextFollowUpId } from './followUps.js'
import { acceptedExpiresOn, expiresOn } from './proposals.js'

// ---------------------------------------------------------------------------------------------
// The time-driven facts, each dated the day it falls due (never the day a tick notices it):
// reminders, overdue follow-ups, expired proposals, a programme's term, the age limit, and the
// next follow-up when the last planned one has passed. They are found in date order, one at a
// time, each seen by the next: ticking every day or once, late, records the same facts.
// ---------------------------------------------------------------------------------------------

/** A time-driven fact that falls due on `on`. */
interface Due {
  readonly on: LocalDate
  readonly events: ReadonlyArray<JourneyEvent>
}

/** The reminders of one appointment or session, on `daysBefore` its date, not before it was planned. */
const reminderDates = (
  heldOn: LocalDate,
  plannedOn: LocalDate,
  remindedOn: ReadonlyArray<LocalDate>,
  policy: JourneyPolicy,
): ReadonlyArray<{ readonly on: LocalDate; readonly daysBefore: number }> =>
  policy.reminderDaysBefore
    .map((daysBefore) => ({ on: addDays(heldOn, -daysBefore), daysBefore }))
    .filter((r) => r.daysBefore > 0 && r.on >= plannedOn && !remindedOn.includes(r.on))

/** The earliest time-driven fact due on or before `until`, given the state as it stands. */
const nextDue = (s: AgedJourney, until: LocalDate, policy: JourneyPolicy): Due | null => {
  let found: Due | null = null
  const consider = (on: LocalDate, events: () => ReadonlyArray<JourneyEvent>) => {
    if (on <= until && (found === null || on < found.on)) found = { on, events: events() }
  }
  // The programme's term or its age limit, whichever comes first.
  if (s.programme !== null) {
    const open = s.programme
    const ageLimitOn = programmeAgeLimitOn(s, open.programme)
    // A CEJ terminated for breaches ends on the 1st of the month after the third sanction.
    const terminationOn = open.programme === 'CEJ' ? s.cej.terminationOn : null
    const ends = [
      { on: ageLimitOn, reason: 'age-limit' as const },
      { on: open.plannedEndOn, reason: 'term-reached' as const },
      ...(terminationOn === null ? [] : [{ on: terminationOn, reason: 'breach' as const }]),
    ].reduce((a, b) => (b.on < a.on ? b : a))
    consider(ends.on, () => [
      {
        type: 'ProgrammeExited',
        ...stamp(s, ends.on),
        programme: open.programme,
        reason: ends.reason,
      },
    ])
  }
  // Ties go to what was considered first: the programme ends before the journey closes.
  const closeOn = ageOutOn(s, journeyAgeLimitOn(s, policy))
  consider(closeOn, () => closingEvents(s, closeOn, 'age-limit', null, 'age-limit'))
  let lastPlannedOn: LocalDate | null = null
  for (const [id, f] of Object.entries(s.followUps)) {
    if (!isPending(f)) continue
    if (lastPlannedOn === null || f.dueOn > lastPlannedOn) lastPlannedOn = f.dueOn
    const followUpId = id as FollowUpId
    for (const r of reminderDates(f.dueOn, f.scheduledOn, f.remindedOn, policy))
      consider(r.on, () => [
        {
          type: 'FollowUpReminderDue',
          ...stamp(s, r.on),
          followUpId,
          dueOn: f.dueOn,
          daysBefore: r.daysBefore,
        },
      ])
    if (!f.overdue)
      consider(f.dueOn, () => [{ type: 'FollowUpDue', ...stamp(s, f.dueOn), followUpId, dueOn: f.dueOn }])
  }
  for (const [id, x] of Object.entries(s.sessions)) {
    if (x.outcome !== null) continue
    const sessionId = id as SessionId
    for (const r of reminderDates(x.heldOn, x.prescribedOn, x.remindedOn, policy))
      consider(r.on, () => [
        {
          type: 'SessionReminderDue',
          ...stamp(s, r.on),
          sessionId,
          heldOn: x.heldOn,
          daysBefore: r.daysBefore,
        },
      ])
  }
  for (const [id, p] of Object.entries(s.proposals)) {
    const on =
      p.status === 'offered'
        ? expiresOn(p, policy)
        : p.status === 'accepted'
          ? acceptedExpiresOn(p, policy)
          : null
    if (on !== null)
      consider(on, () => [
        {
          type: 'ProposalOutcomeRecorded',
          ...stamp(s, on),
          proposalId: id as ProposalId,
          theme: p.theme,
          outcome: 'expired',
          offeredOn: p.offeredOn,
        },
      ])
  }
  // The day after the last planned appointment passed, the next one is planned (policy).
  if (lastPlannedOn !== null) {
    const on = addDays(lastPlannedOn, 1)
    consider(on, () => [
      {
        type: 'FollowUpScheduled',
        ...stamp(s, on),
        followUpId: nextFollowUpId(s),
        dueOn: addDays(on, followUpCadenceDays(s, on, policy)),
        kind: 'individual-interview',
        counsellorId: s.counsellorId,
      },
    ])
  }
  return found
}

// Each step moves time forward or closes a fact for good; this bound only keeps `decide` total.
const maxSteps = 100_000

/**
 * Every time-driven fact due on or before `until`, in date order, each dated when it fell due;
 * with the state they lead to. None for a journey that is not open.
 */
export const timeDrivenFacts = (
  s: AgedJourney,
  until: LocalDate,
  policy: JourneyPolicy,
): { readonly events: ReadonlyArray<JourneyEvent>; readonly state: JourneyState } => {
  const events: JourneyEvent[] = []
  let state: AgedJourney = s
  for (let step = 0; step < maxSteps && state.status === 'open'; step++) {
    const due = nextDue(state, until, policy)
    if (due === null) break
    events.push(...due.events)
    const next = due.events.reduce<JourneyState>(evolveJourney, state)
    if (next.status === 'unregistered') return { events, state: next }
    // The limits came with the command, not from the events: they stay as they were opened.
    state = { ...next, ageLimitOn: s.ageLimitOn, cejAgeLimitOn: s.cejAgeLimitOn }
  }
  return { events, state }
}
