import type { Translator } from '../../i18n/index.js'
import type { DonutChart } from './chartModel.js'
import { colourAt, INK } from './palette.js'
import { escapeMarkup as esc, n2, safeId } from './svg.js'

// ---------------------------------------------------------------------------------------------
// a donut as SVG: each slice with its share written on it (when it has room) and a legend that
// gives every label with its count and share
// ---------------------------------------------------------------------------------------------

const [CX, CY, R, INNER] = [150, 150, 120, 66]

const point = (angle: number, r: number): string =>
  `${n2(CX + r * Math.sin(angle))} ${n2(CY - r * Math.cos(angle))}`

const slicePath = (from: number, to: number): string => {
  // a full circle is two halves: an arc cannot start and end at the same point
  if (to - from >= 2 * Math.PI - 1e-9)
    return `${slicePath(from, from + Math.PI)} ${slicePath(from + Math.PI, to)}`
  const large = to - from > Math.PI ? 1 : 0
  return `M ${point(from, R)} A ${R} ${R} 0 ${large} 1 ${point(to, R)} L ${point(to, INNER)} A ${INNER} ${INNER} 0 ${large} 0 ${point(from, INNER)} Z`
}

/** A donut chart as an SVG element. */
export const donutChartSvg = (c: DonutChart, tr: Translator): string => {
  const total = c.slices.reduce((a, s) => a + s.count, 0)
  let angle = 0
  const slices = c.slices
    .map((s, i) => {
      if (total === 0 || s.count === 0) return ''
      const span = (s.count / total) * 2 * Math.PI
      const [from, to] = [angle, angle + span]
      angle = to
      const mid = (from + to) / 2
      const [lx, ly] = point(mid, (R + INNER) / 2)
        .split(' ')
        .map(Number) as [number, number]
      const label =
        s.count / total >= 0.06
          ? `<text x="${n2(lx)}" y="${n2(ly + 4)}" text-anchor="middle" font-size="12" font-weight="bold" fill="#ffffff">${esc(tr.percent(s.count / total))}</text>`
          : ''
      return `<path d="${slicePath(from, to)}" fill="${colourAt(i)}" stroke="#ffffff" stroke-width="1"/>${label}`
    })
    .join('')
  const legend = c.slices
    .map((s, i) => {
      const y = 40 + i * 26
      const share = total === 0 ? null : s.count / total
      return `<rect x="300" y="${y - 11}" width="14" height="14" fill="${colourAt(i)}"/><text x="322" y="${y}" font-size="12" fill="${INK}">${esc(`${s.label} — ${tr.number(s.count, 0)} (${tr.percent(share)})`)}</text>`
    })
    .join('')
  const centre = `<text x="${CX}" y="${CY - 2}" text-anchor="middle" font-size="20" font-weight="bold" fill="${INK}">${esc(tr.number(total, 0))}</text><text x="${CX}" y="${CY + 16}" text-anchor="middle" font-size="12" fill="${INK}">${esc(tr.t('report.total'))}</text>`
  const height = Math.max(300, 40 + c.slices.length * 26)
  return `<svg viewBox="0 0 640 ${height}" width="100%" font-family="system-ui, sans-serif" role="img" aria-labelledby="${safeId(c.id)}-svg-title"><title id="${safeId(c.id)}-svg-title">${esc(c.title)}</title>${slices}${centre}${legend}</svg>`
}
