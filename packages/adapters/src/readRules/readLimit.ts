// ---------------------------------------------------------------------------------------------
// utils: the port's read rules, the same in every store.
// ---------------------------------------------------------------------------------------------

/**
 * How many events a read with this `maxCount` may return: at most `maxCount`, so a fraction
 * rounds down and anything below one (or NaN) reads nothing; no limit when absent or Infinity.
 */
export const readLimit = (maxCount: number | undefined): number => {
  if (maxCount === undefined || maxCount === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY
  return Number.isNaN(maxCount) ? 0 : Math.max(0, Math.floor(maxCount))
}
