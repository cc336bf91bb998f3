// utils: month arithmetic on 'YYYY-MM' strings (UTC calendar, no clock).

/** The last day of a month 'YYYY-MM', as YYYY-MM-DD. */
export const lastDayOfMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${month}-${String(day).padStart(2, '0')}`
}
