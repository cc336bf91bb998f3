// ---------------------------------------------------------------------------------------------
// utils: a month is partial when the data stops before its last day
// ---------------------------------------------------------------------------------------------

/** The last day `YYYY-MM-DD` of a month `YYYY-MM`. */
export const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

/** Whether `month` is not over on `asOf` (the last day the data counts). */
export const isPartial = (month: string, asOf: string): boolean => lastDayOf(month) > asOf

/** The month `n` months after `month` (`YYYY-MM`). */
export const monthPlus = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const i = y * 12 + (m - 1) + n
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
}

/** The months just before a range, as many as it has: the previous period to compare with. */
export const previousRange = (from: string, to: string): { readonly from: string; readonly to: string } => {
  const index = (m: string): number => {
    const [y, mo] = m.split('-').map(Number) as [number, number]
    return y * 12 + (mo - 1)
  }
  const month = (i: number): string => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
  const length = index(to) - index(from) + 1
  return { from: month(index(from) - length), to: month(index(from) - 1) }
}
