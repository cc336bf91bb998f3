import { addDays } from '../model/calendar.js'
import type { LocalDate } from '../model/localDate.js'
import { entryOf } from '../model/state.js'
import type { CejContract, CejLedger } from './cejLedger.js'
import type { CejHoursPolicy } from './hoursPolicy.js'
import { daysOfWeekWithin, fullWeeksWithin, monthOfWeek, weekdayOf, weekOf } from './weeks.js'

// ---------------------------------------------------------------------------------------------
// The weeks of a CEJ and their hours: validated (the journey's facts and the validated activities)
// and declared (the facts and every declared activity at its declared hours). A week counts when
// the contract covers it whole, Monday to Sunday; it is complete once its Sunday is past.
// ---------------------------------------------------------------------------------------------

/** One week of a CEJ contract. */
export interface CejWeek {
  readonly monday: LocalDate
  /** The month it is counted in (its Thursday's). */
  readonly month: string
  readonly missionLocaleId: string
  readonly contractEnteredOn: LocalDate
  readonly validatedMinutes: number
  readonly declaredMinutes: number
  /** Its Sunday is before the date asked about. */
  readonly complete: boolean
  /** Complete, and its validated hours under the weekly target. */
  readonly underTarget: boolean
}

/**
 * The minutes an activity of `hoursPerWeek` counts in the week of `monday`: its share of the
 * week's working days (Monday to Friday) it covers, rounded down. An activity from Monday to
 * Friday counts its whole weekly hours.
 */
export const activityMinutesInWeek = (
  hoursPerWeek: number,
  startsOn: LocalDate,
  endsOn: LocalDate,
  monday: LocalDate,
): number => {
  const friday = addDays(monday, 4)
  return Math.floor(
    (hoursPerWeek * 60 * daysOfWeekWithin(monday, startsOn, endsOn < friday ? endsOn : friday)) / 5,
  )
}

const weekMinutes = (l: CejLedger, monday: LocalDate) => {
  const facts = entryOf(l.factMinutes, monday) ?? 0
  let validated = facts
  let declared = facts
  for (const a of Object.values(l.activities)) {
    declared += activityMinutesInWeek(a.declaredHoursPerWeek, a.startsOn, a.endsOn, monday)
    if (a.validatedHoursPerWeek !== null)
      validated += activityMinutesInWeek(a.validatedHoursPerWeek, a.startsOn, a.endsOn, monday)
  }
  return { validated, declared }
}

/** The last day of a contract as of `asOf`: the day before its exit, or the Sunday of the week of `asOf`. */
const lastDayOf = (c: CejContract, asOf: LocalDate): LocalDate => {
  const sunday = addDays(weekOf(asOf), 6)
  const end = c.exitedOn === null ? sunday : addDays(c.exitedOn, -1)
  return end < sunday ? end : sunday
}

/** Every whole week of the ledger's contracts up to the week of `asOf`, with its hours. */
export const cejWeeks = (l: CejLedger, asOf: LocalDate, policy: CejHoursPolicy): ReadonlyArray<CejWeek> =>
  l.contracts.flatMap((c) =>
    fullWeeksWithin(c.enteredOn, lastDayOf(c, asOf)).map((monday) => {
      const m = weekMinutes(l, monday)
      const complete = addDays(monday, 6) < asOf
      return {
        monday,
        month: monthOfWeek(monday),
        missionLocaleId: c.missionLocaleId,
        contractEnteredOn: c.enteredOn,
        validatedMinutes: m.validated,
        declaredMinutes: m.declared,
        complete,
        underTarget: complete && m.validated < policy.weeklyTargetMinutes,
      }
    }),
  )

/** A week of the open CEJ that cannot, or did not, reach the weekly target. */
export interface CejWeekAlert {
  readonly kind: 'week-under-target' | 'week-at-risk'
  readonly monday: LocalDate
  readonly validatedMinutes: number
  /** What the week can still reach: validated so far, plus what is planned from `on` and declared but not yet validated. */
  readonly reachableMinutes: number
}

/**
 * The alerts of a journey on `on`: the last complete week under the target, and from the policy's
 * weekday the current week when what is validated, planned and declared cannot reach it.
 */
export const cejWeekAlerts = (
  l: CejLedger,
  on: LocalDate,
  policy: CejHoursPolicy,
): ReadonlyArray<CejWeekAlert> => {
  const open = l.contracts.find((c) => c.exitedOn === null || c.exitedOn > on)
  if (open === undefined) return []
  const alerts: CejWeekAlert[] = []
  const weeks = cejWeeks({ ...l, contracts: [open] }, on, policy)
  const thisMonday = weekOf(on)
  const last = weeks.filter((w) => w.complete).at(-1)
  if (last !== undefined && last.underTarget && last.monday === addDays(thisMonday, -7))
    alerts.push({
      kind: 'week-under-target',
      monday: last.monday,
      validatedMinutes: last.validatedMinutes,
      reachableMinutes: last.validatedMinutes,
    })
  const current = weeks.find((w) => w.monday === thisMonday)
  if (current !== undefined && weekdayOf(on) >= policy.earlyAlertFromWeekday) {
    const sunday = addDays(thisMonday, 6)
    const planned = Object.values(l.planned)
      .filter((p) => p.on >= on && p.on <= sunday)
      .reduce((n, p) => n + p.minutes, 0)
    const reachable = planned + current.declaredMinutes
    if (reachable < policy.weeklyTargetMinutes)
      alerts.push({
        kind: 'week-at-risk',
        monday: thisMonday,
        validatedMinutes: current.validatedMinutes,
        reachableMinutes: reachable,
      })
  }
  return alerts
}
