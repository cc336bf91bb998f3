import type { LocalDate } from './localDate.js'
import { daysInMonth, isLeapYear } from './localDate.js'

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on LocalDate, with integers only (no Date object: no time zone, no clock).
// ---------------------------------------------------------------------------------------------

interface Ymd {
  readonly year: number
  readonly month: number
  readonly day: number
}

// The digit at `i` of a LocalDate ('YYYY-MM-DD', ASCII digits by construction).
const digit = (date: string, i: number): number => date.charCodeAt(i) - 48

// Read digit by digit rather than sliced and parsed: the deciders and folds call it per event.
const parts = (date: LocalDate): Ymd => ({
  year: digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3),
  month: digit(date, 5) * 10 + digit(date, 6),
  day: digit(date, 8) * 10 + digit(date, 9),
})

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`)

/** Builds a LocalDate from its parts; the caller guarantees a real calendar day. */
export const localDateOf = (year: number, month: number, day: number): LocalDate =>
  `${year >= 1000 && year <= 9999 ? `${year}` : String(year).padStart(4, '0')}-${two(month)}-${two(day)}` as LocalDate

// Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's days_from_civil.
const toDayNumber = ({ year, month, day }: Ymd): number => {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

const fromDayNumber = (n: number): LocalDate => {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return localDateOf(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
}

/** The date `days` days after `date` (before it when negative). */
export const addDays = (date: LocalDate, days: number): LocalDate =>
  fromDayNumber(toDayNumber(parts(date)) + days)

/** Days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number =>
  toDayNumber(parts(to)) - toDayNumber(parts(from))

/** The same day `months` months later, clamped to the end of a shorter month (31 Jan + 1 → 28/29 Feb). */
export const addMonths = (date: LocalDate, months: number): LocalDate => {
  const { year, month, day } = parts(date)
  const index = year * 12 + (month - 1) + months
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  return localDateOf(y, m, Math.min(day, daysInMonth(y, m)))
}

/** The same day `years` years later, clamped like addMonths (29 Feb → 28 Feb in a common year). */
export const addYears = (date: LocalDate, years: number): LocalDate => addMonths(date, years * 12)

/** The reporting month of a date, `YYYY-MM`. */
export const monthOf = (date: LocalDate): string => date.slice(0, 7)

/**
 * The day a person born on `birthDate` turns `years`. Our rule for people born on 29 February:
 * in a common year the birthday falls on 1 March, so the new age is never reached before the
 * full number of days has passed. This is a modelling choice; the law leaves it open.
 */
export const birthday = (birthDate: LocalDate, years: number): LocalDate => {
  const { year, month, day } = parts(birthDate)
  const y = year + years
  return month === 2 && day === 29 && !isLeapYear(y) ? localDateOf(y, 3, 1) : localDateOf(y, month, day)
}

/** Age in whole years on `date` (calendar age: it goes up on each birthday; negative before birth). */
export const ageOn = (birthDate: LocalDate, date: LocalDate): number => {
  const years = parts(date).year - parts(birthDate).year
  return date < birthday(birthDate, years) ? years - 1 : years
}

/** The earlier of two dates. */
export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b)

/** The later of two dates. */
export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b)
