import { addDays, addMonths } from '../model/calendar.js'
import type { JourneyEvent } from '../model/events.js'
import type { FollowUpId } from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import type { FollowUpState, RegisteredJourney } from '../model/state.js'
import { entryOf, isPending, nextFollowUp } from '../model/state.js'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'
import type { Decision, Rule } from './decision.js'
import { accept, refuse, stamp } from './decision.js'

// ---------------------------------------------------------------------------------------------
// Follow-ups: scheduled, rescheduled, kept, missed, cancelled; only a pending one changes.
// ---------------------------------------------------------------------------------------------

/** Days until the next follow-up is due (policy): weekly early in a CEJ, else the general delay. */
export const followUpCadenceDays = (
  state: RegisteredJourney,
  on: LocalDate,
  policy: JourneyPolicy,
): number =>
  state.programme?.programme === 'CEJ' &&
  on < addMonths(state.programme.enteredOn, policy.cejWeeklyFollowUpMonths)
    ? policy.cejFollowUpEveryDays
    : policy.followUpWithinDays

/** The id of the next follow-up the policy schedules itself: `fu-<n>`, the first n not yet taken. */
export const nextFollowUpId = (state: RegisteredJourney): FollowUpId => {
  let n = state.followUpCount + 1
  while (entryOf(state.followUps, `fu-${n}`) !== undefined) n += 1
  return `fu-${n}` as FollowUpId
}

/**
 * The follow-up the policy schedules when an open journey would be left without a next follow-up
 * (the nearest pending appointment not yet past) due within the cadence: a stale overdue one, one
 * further away, or a 30-day one when a CEJ starts, is not enough.
 */
export const policyFollowUp = (
  state: RegisteredJourney,
  on: LocalDate,
  policy: JourneyPolicy,
): JourneyEvent | null => {
  if (state.status !== 'open') return null
  const dueOn = addDays(on, followUpCadenceDays(state, on, policy))
  const next = nextFollowUp(state, on)
  return next !== null && next.dueOn <= dueOn
    ? null
    : {
        type: 'FollowUpScheduled',
        ...stamp(state, on),
        followUpId: nextFollowUpId(state),
        dueOn,
        kind: 'individual-interview',
        counsellorId: state.counsellorId,
      }
}

/** Schedule a follow-up under a new id, due on or after the command's date. */
export const scheduleFollowUp: Rule<'ScheduleFollowUp'> = (c, s) => {
  if (entryOf(s.followUps, c.followUpId) !== undefined)
    return refuse({ _tag: 'DuplicateFollowUp', followUpId: c.followUpId })
  if (c.dueOn < c.on) return refuse({ _tag: 'DueBeforeScheduled', on: c.on, dueOn: c.dueOn })
  return accept({
    type: 'FollowUpScheduled',
    ...stamp(s, c.on),
    followUpId: c.followUpId,
    dueOn: c.dueOn,
    kind: c.kind,
    counsellorId: s.counsellorId,
  })
}

const withPending = (
  s: RegisteredJourney,
  id: FollowUpId,
  on: LocalDate,
  then: (f: FollowUpState) => Decision,
): Decision => {
  const f = entryOf(s.followUps, id)
  if (f === undefined) return refuse({ _tag: 'UnknownFollowUp', followUpId: id })
  if (!isPending(f)) return refuse({ _tag: 'FollowUpNotPending', followUpId: id, status: f.status })
  if (on < f.scheduledOn)
    return refuse({ _tag: 'DatedBeforeScheduling', followUpId: id, on, scheduledOn: f.scheduledOn })
  return then(f)
}

/** Move a pending follow-up. An overdue one stays overdue: FollowUpDue is recorded once per follow-up. */
export const rescheduleFollowUp: Rule<'RescheduleFollowUp'> = (c, s) =>
  withPending(s, c.followUpId, c.on, () =>
    c.dueOn < c.on
      ? refuse({ _tag: 'DueBeforeScheduled', on: c.on, dueOn: c.dueOn })
      : accept({ type: 'FollowUpRescheduled', ...stamp(s, c.on), followUpId: c.followUpId, dueOn: c.dueOn }),
  )

/** The young person came (possibly early or late). */
export const keepFollowUp: Rule<'KeepFollowUp'> = (c, s) =>
  withPending(s, c.followUpId, c.on, () =>
    accept({ type: 'FollowUpKept', ...stamp(s, c.on), followUpId: c.followUpId, comment: c.comment }),
  )

/** The young person did not come; only on or after the due date. */
export const missFollowUp: Rule<'MissFollowUp'> = (c, s) =>
  withPending(s, c.followUpId, c.on, (f) =>
    c.on < f.dueOn
      ? refuse({ _tag: 'MissedBeforeDue', followUpId: c.followUpId, on: c.on, dueOn: f.dueOn })
      : accept({ type: 'FollowUpMissed', ...stamp(s, c.on), followUpId: c.followUpId }),
  )

/** Whether the young person came is not known; only on or after the due date (*Non précisé*). */
export const markFollowUpUnspecified: Rule<'MarkFollowUpUnspecified'> = (c, s) =>
  withPending(s, c.followUpId, c.on, (f) =>
    c.on < f.dueOn
      ? refuse({ _tag: 'UnspecifiedBeforeDue', followUpId: c.followUpId, on: c.on, dueOn: f.dueOn })
      : accept({ type: 'FollowUpMarkedUnspecified', ...stamp(s, c.on), followUpId: c.followUpId }),
  )

/** Cancel a pending follow-up. */
export const cancelFollowUp: Rule<'CancelFollowUp'> = (c, s) =>
  withPending(s, c.followUpId, c.on, () =>
    accept({ type: 'FollowUpCancelled', ...stamp(s, c.on), followUpId: c.followUpId }),
  )
