import type { Translator } from '../../i18n/index.js'
import type { BarChart } from './chartModel.js'
import { formatValue } from './formatValue.js'
import { colourAt, GRID, INK, MUTED } from './palette.js'
import { escapeMarkup as esc, n2, niceMax, safeId } from './svg.js'

// ---------------------------------------------------------------------------------------------
// bar charts as SVG: every bar carries its value; a partial month is hatched and labelled; a
// target is a dashed line with its label. No script, no style attribute (a strict CSP holds).
// ---------------------------------------------------------------------------------------------

const FONT = 'font-family="system-ui, sans-serif"'

const text = (x: number, y: number, s: string, attrs = ''): string =>
  `<text x="${n2(x)}" y="${n2(y)}" ${attrs}>${esc(s)}</text>`

const hatches = (c: BarChart): string =>
  c.series
    .map(
      (_, i) =>
        `<pattern id="${safeId(c.id)}-hatch-${i}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="${colourAt(i)}"/></pattern>`,
    )
    .join('')

const legend = (c: BarChart, width: number): string => {
  if (c.series.length < 2) return ''
  let x = 0
  const items = c.series.map((s, i) => {
    const item = `<rect x="${x}" y="0" width="12" height="12" fill="${colourAt(i)}"/>${text(x + 16, 10, s.label, `font-size="12" fill="${INK}"`)}`
    x += 28 + s.label.length * 6.5
    return item
  })
  return `<g transform="translate(${n2(Math.max(0, (width - x) / 2))},4)">${items.join('')}</g>`
}

const maxOf = (c: BarChart): number => {
  const values = c.series.flatMap((s) => s.values).filter((v): v is number => v !== null)
  const top = Math.max(0, ...values, c.target?.value ?? 0)
  // counts: at least 5, so the five steps of the axis are whole numbers
  return c.valueKind === 'share' ? Math.max(niceMax(top), top > 0.5 ? 1 : 0) || 1 : niceMax(Math.max(5, top))
}

const vertical = (c: BarChart, tr: Translator): string => {
  const width = c.wide === true ? 960 : 640
  const top = c.series.length > 1 ? 56 : 28
  const [left, right, bottom] = [56, 16, 52]
  const height = 320
  const plotH = height - top - bottom
  const plotW = width - left - right
  const max = maxOf(c)
  const y = (v: number): number => top + plotH - (v / max) * plotH
  const groupW = plotW / Math.max(1, c.categories.length)
  const barW = Math.max(3, Math.min(48, (groupW * 0.8) / Math.max(1, c.series.length)))
  const rotate = barW < 22
  const grid = [0, 0.2, 0.4, 0.6, 0.8, 1]
    .map((f) => {
      const gy = y(f * max)
      return `<line x1="${left}" x2="${width - right}" y1="${n2(gy)}" y2="${n2(gy)}" stroke="${GRID}"/>${text(left - 6, gy + 4, formatValue(tr, c.valueKind, f * max), `text-anchor="end" font-size="11" fill="${MUTED}"`)}`
    })
    .join('')
  const bars = c.categories
    .map((cat, ci) => {
      const gx = left + ci * groupW + (groupW - barW * c.series.length) / 2
      const parts = c.series.map((s, si) => {
        const v = s.values[ci] ?? null
        const x = gx + si * barW
        const h = v === null ? 0 : (v / max) * plotH
        const fill = cat.partial === true ? `url(#${safeId(c.id)}-hatch-${si})` : colourAt(si)
        const bar = `<rect x="${n2(x + 1)}" y="${n2(y(v ?? 0))}" width="${n2(barW - 2)}" height="${n2(h)}" fill="${fill}" stroke="${colourAt(si)}"/>`
        const label = formatValue(tr, c.valueKind, v)
        const lx = x + barW / 2
        const ly = y(v ?? 0) - 4
        const value = rotate
          ? text(
              lx + 3,
              ly,
              label,
              `font-size="10" fill="${INK}" transform="rotate(-90 ${n2(lx + 3)} ${n2(ly)})"`,
            )
          : text(lx, ly, label, `text-anchor="middle" font-size="11" fill="${INK}"`)
        return bar + value
      })
      const cx = left + ci * groupW + groupW / 2
      const axis = text(cx, top + plotH + 16, cat.label, `text-anchor="middle" font-size="11" fill="${INK}"`)
      const partial =
        cat.partial === true
          ? text(
              cx,
              top + plotH + 30,
              tr.t('report.partialShort'),
              `text-anchor="middle" font-size="11" font-style="italic" fill="${INK}"`,
            )
          : ''
      return parts.join('') + axis + partial
    })
    .join('')
  const target =
    c.target === undefined
      ? ''
      : `<line x1="${left}" x2="${width - right}" y1="${n2(y(c.target.value))}" y2="${n2(y(c.target.value))}" stroke="${INK}" stroke-width="2" stroke-dasharray="6 4"/>${text(width - right, y(c.target.value) - 6, c.target.label, `text-anchor="end" font-size="12" font-weight="bold" fill="${INK}"`)}`
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" ${FONT} role="img" aria-labelledby="${safeId(c.id)}-svg-title"><title id="${safeId(c.id)}-svg-title">${esc(c.title)}</title><defs>${hatches(c)}</defs>${legend(c, width)}${grid}<line x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="${MUTED}"/>${bars}${target}</svg>`
}

// Horizontal bars: labels on the left, bars, then each value in a column on the right.
const horizontal = (c: BarChart, tr: Translator): string => {
  const width = c.wide === true ? 960 : 640
  const [labelW, valueW, rowH, top] = [170, 170, 28, c.target === undefined ? 8 : 28]
  const series = c.series[0]
  const rows = c.categories.length
  const height = top + rows * rowH + 8
  const plotW = width - labelW - valueW
  const max = maxOf(c)
  const x = (v: number): number => labelW + (v / max) * plotW
  const bars = c.categories
    .map((cat, i) => {
      const v = series?.values[i] ?? null
      const y = top + i * rowH
      const w = v === null ? 0 : (v / max) * plotW
      const value = [formatValue(tr, c.valueKind, v), ...(cat.detail === undefined ? [] : [cat.detail])].join(
        ' · ',
      )
      return (
        text(labelW - 8, y + rowH / 2 + 4, cat.label, `text-anchor="end" font-size="12" fill="${INK}"`) +
        `<rect x="${labelW}" y="${y + 4}" width="${n2(w)}" height="${rowH - 8}" fill="${colourAt(0)}"/>` +
        // after the bar; with a target line, in a column of their own right of the plot, so the
        // line never crosses them
        text(
          c.target === undefined ? labelW + w + 6 : labelW + plotW + 12,
          y + rowH / 2 + 4,
          value,
          `font-size="12" fill="${INK}"`,
        )
      )
    })
    .join('')
  const target =
    c.target === undefined
      ? ''
      : `<line x1="${n2(x(c.target.value))}" x2="${n2(x(c.target.value))}" y1="${top - 4}" y2="${height - 4}" stroke="${INK}" stroke-width="2" stroke-dasharray="6 4"/>${text(x(c.target.value), top - 10, c.target.label, `text-anchor="middle" font-size="12" font-weight="bold" fill="${INK}"`)}`
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" ${FONT} role="img" aria-labelledby="${safeId(c.id)}-svg-title"><title id="${safeId(c.id)}-svg-title">${esc(c.title)}</title><line x1="${labelW}" x2="${labelW}" y1="${top}" y2="${height - 8}" stroke="${MUTED}"/>${bars}${target}</svg>`
}

/** A bar chart as an SVG element (values on the bars, partial months hatched, the target drawn). */
export const barChartSvg = (c: BarChart, tr: Translator): string =>
  c.orientation === 'vertical' ? vertical(c, tr) : horizontal(c, tr)
