import * as t from 'io-ts'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether a year is a leap year in the proleptic Gregorian calendar. */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/** Days in a month (1–12) of a year. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

const isCalendarDate = (s: string): boolean => {
  const m = ISO_DATE.exec(s)
  if (m === null) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return (
    year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  )
}

/** Brand of a valid calendar date. */
export interface LocalDateBrand {
  readonly LocalDate: unique symbol
}

/** A calendar date without time zone, `YYYY-MM-DD`; strings compare in date order. */
export const LocalDate = t.brand(
  t.string,
  (s): s is t.Branded<string, LocalDateBrand> => isCalendarDate(s),
  'LocalDate',
)
export type LocalDate = t.TypeOf<typeof LocalDate>
