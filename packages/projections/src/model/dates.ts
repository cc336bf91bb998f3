import {
  addDays as addDaysTo,
  addMonths as addMonthsTo,
  daysBetween as daysFromTo,
  type LocalDate,
  monthOf as monthOfDate,
} from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// utils: months ('YYYY-MM') for reporting, and the domain's calendar on plain date strings.
// ---------------------------------------------------------------------------------------------

// Read-model documents hold dates as plain strings that came from decoded events; the arithmetic
// is the domain's calendar.
const asDate = (date: string): LocalDate => date as LocalDate

/** Whether a string is a 'YYYY-MM' month. */
export const isMonth = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(s)

/** The reporting month ('YYYY-MM') of a date. */
export const monthOf = (date: string): string => monthOfDate(asDate(date))

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: string, b: string): number => daysFromTo(asDate(a), asDate(b))

/** The date `days` days after `date`. */
export const addDays = (date: string, days: number): string => addDaysTo(asDate(date), days)

/** The same day `months` months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export const addMonths = (date: string, months: number): string => addMonthsTo(asDate(date), months)

/** The month after a 'YYYY-MM' month. */
const nextMonth = (month: string): string => addMonths(`${month}-01`, 1).slice(0, 7)

/** Every month from `from` to `to`, both included; none when either is not a 'YYYY-MM' month. */
export const monthsBetween = (from: string, to: string): ReadonlyArray<string> => {
  const months: string[] = []
  if (!isMonth(from) || !isMonth(to)) return months
  for (let m = from; m <= to; m = nextMonth(m)) months.push(m)
  return months
}
