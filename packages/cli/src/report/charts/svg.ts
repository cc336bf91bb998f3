// ---------------------------------------------------------------------------------------------
// utils: text into markup, and the scale of a chart's axis
// ---------------------------------------------------------------------------------------------

/** Text made safe inside an element or a quoted attribute (HTML and SVG). */
export const escapeMarkup = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )

/** A round maximum for an axis at or above `max` (1, 2, 2.5 or 5 times a power of ten). */
export const niceMax = (max: number): number => {
  if (!(max > 0)) return 1
  const power = 10 ** Math.floor(Math.log10(max))
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= max) return m * power
  return 10 * power
}

/** A number written with two decimals at most, for coordinates. */
export const n2 = (x: number): string => String(Math.round(x * 100) / 100)

/** An identifier safe in `id` and `url(#…)`. */
export const safeId = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_')
