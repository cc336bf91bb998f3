import { escapeMarkup } from '../../report/charts/index.js'

// ---------------------------------------------------------------------------------------------
// utils: markup from text. Every interpolated value of a page goes through `esc` (or `attr`).
// ---------------------------------------------------------------------------------------------

/** Text made safe inside an element or a quoted attribute. */
export const esc = escapeMarkup

/** Attributes from a record: `true` writes the bare name, `false`/`undefined` leaves it out. */
export const attrs = (a: Readonly<Record<string, string | number | boolean | undefined>>): string =>
  Object.entries(a)
    .flatMap(([k, v]) =>
      v === undefined || v === false ? [] : v === true ? [` ${k}`] : [` ${k}="${esc(String(v))}"`],
    )
    .join('')

/** A URL path with its query (empty values left out), each part encoded. */
export const href = (path: string, query: Readonly<Record<string, string | undefined>> = {}): string => {
  const q = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
  return q.length === 0 ? path : `${path}?${q.join('&')}`
}
