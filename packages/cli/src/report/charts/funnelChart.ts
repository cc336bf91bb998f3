import type { Translator } from '../../i18n/index.js'
import type { FunnelChart } from './chartModel.js'
import { colourAt, INK } from './palette.js'
import { escapeMarkup as esc, n2, safeId } from './svg.js'

// ---------------------------------------------------------------------------------------------
// a funnel as SVG: one bar per step, as wide as its count, with the count and its share of the
// step before (each step is a subset of the previous one, so that share is at most 100 %)
// ---------------------------------------------------------------------------------------------

/** The share of each step in the one before it (null for the first, or after an empty step). */
export const shareOfPrevious = (counts: ReadonlyArray<number>): ReadonlyArray<number | null> =>
  counts.map((n, i) => {
    const before = i === 0 ? undefined : counts[i - 1]
    return before === undefined || before === 0 ? null : n / before
  })

/** A funnel chart as an SVG element. */
export const funnelChartSvg = (c: FunnelChart, tr: Translator): string => {
  const [width, rowH, labelH, maxW] = [640, 62, 20, 330]
  const first = c.steps[0]?.count ?? 0
  const shares = shareOfPrevious(c.steps.map((s) => s.count))
  const rows = c.steps
    .map((s, i) => {
      const y = 6 + i * rowH
      const w = first === 0 ? 0 : Math.max(2, (s.count / first) * maxW)
      const share = shares[i] ?? null
      const value =
        share === null
          ? tr.number(s.count, 0)
          : `${tr.number(s.count, 0)} — ${tr.t('report.ofPrevious', { share: tr.percent(share) })}`
      return (
        `<text x="20" y="${y + 14}" font-size="13" fill="${INK}">${esc(s.label)}</text>` +
        `<rect x="20" y="${y + labelH}" width="${n2(w)}" height="${rowH - labelH - 10}" fill="${colourAt(i)}"/>` +
        `<text x="${n2(w + 28)}" y="${y + labelH + 20}" font-size="13" font-weight="bold" fill="${INK}">${esc(value)}</text>`
      )
    })
    .join('')
  const height = 12 + c.steps.length * rowH
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" font-family="system-ui, sans-serif" role="img" aria-labelledby="${safeId(c.id)}-svg-title"><title id="${safeId(c.id)}-svg-title">${esc(c.title)}</title>${rows}</svg>`
}
