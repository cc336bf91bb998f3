// ---------------------------------------------------------------------------------------------
// utils: calendar arithmetic on 'YYYY-MM-DD' and 'YYYY-MM' strings (UTC, no time zone).
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000

const toUtc = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))

const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** Whether a string is a 'YYYY-MM' month. */
export const isMonth = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(s)

/** The reporting month ('YYYY-MM') of a date. */
export const monthOf = (date: string): string => date.slice(0, 7)

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: string, b: string): number => Math.round((toUtc(b) - toUtc(a)) / DAY_MS)

/** The date `days` days after `date`. */
export const addDays = (date: string, days: number): string => fromUtc(toUtc(date) + days * DAY_MS)

/** The same day `months` months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export const addMonths = (date: string, months: number): string => {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months
  const [year, month] = [Math.floor(total / 12), (total % 12) + 1]
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const day = Math.min(Number(date.slice(8, 10)), lastDay)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The month after a 'YYYY-MM' month. */
export const nextMonth = (month: string): string => addMonths(`${month}-01`, 1).slice(0, 7)

/** Every month from `from` to `to`, both included; none when either is not a 'YYYY-MM' month. */
export const monthsBetween = (from: string, to: string): ReadonlyArray<string> => {
  const months: string[] = []
  if (!isMonth(from) || !isMonth(to)) return months
  for (let m = from; m <= to; m = nextMonth(m)) months.push(m)
  return months
}
