import { addDays, daysBetween, monthOf } from '../model/calendar.js'
import type { LocalDate } from '../model/localDate.js'

// ---------------------------------------------------------------------------------------------
// Weeks of the CEJ: Monday to Sunday, each named by its Monday.
// ---------------------------------------------------------------------------------------------

// 5 January 1970 was a Monday.
const aMonday = '1970-01-05' as LocalDate

/** The day of the week, 0 for Monday to 6 for Sunday. */
export const weekdayOf = (date: LocalDate): number => ((daysBetween(aMonday, date) % 7) + 7) % 7

/** The Monday of the week `date` falls in. */
export const weekOf = (date: LocalDate): LocalDate => addDays(date, -weekdayOf(date))

/**
 * The month a week is counted in: the month of its Thursday (the ISO 8601 rule: a week belongs
 * to the month holding most of its days).
 */
export const monthOfWeek = (monday: LocalDate): string => monthOf(addDays(monday, 3))

/** How many days of the week of `monday` fall within [from, to] (both included). */
export const daysOfWeekWithin = (monday: LocalDate, from: LocalDate, to: LocalDate): number => {
  const start = from > monday ? from : monday
  const sunday = addDays(monday, 6)
  const end = to < sunday ? to : sunday
  return end < start ? 0 : daysBetween(start, end) + 1
}

/** The Mondays of the weeks that lie wholly within [from, to] (both included). */
export const fullWeeksWithin = (from: LocalDate, to: LocalDate): ReadonlyArray<LocalDate> => {
  const weeks: LocalDate[] = []
  let monday = weekdayOf(from) === 0 ? from : addDays(weekOf(from), 7)
  while (addDays(monday, 6) <= to) {
    weeks.push(monday)
    monday = addDays(monday, 7)
  }
  return weeks
}
