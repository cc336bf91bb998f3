import type { Translator } from '../../i18n/index.js'
import { barChartSvg } from './barChart.js'
import type { Chart } from './chartModel.js'
import { donutChartSvg } from './donutChart.js'
import { formatValue } from './formatValue.js'
import { funnelChartSvg, shareOfPrevious } from './funnelChart.js'
import { escapeMarkup as esc, safeId } from './svg.js'

// ---------------------------------------------------------------------------------------------
// a chart as the page shows it: its heading, the SVG, its notes, and the same figures as a
// table (caption and headers) for whoever cannot see the drawing (RGAA 1.8, WCAG 1.1.1)
// ---------------------------------------------------------------------------------------------

/** The figures of a chart as a table: a header row, then one row per category. */
export interface ChartTable {
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
}

/** The table alternative of a chart, in the reader's language. */
export const chartTable = (c: Chart, tr: Translator): ChartTable => {
  switch (c.kind) {
    case 'bars': {
      const details = c.categories.some((cat) => cat.detail !== undefined)
      return {
        columns: [
          c.categoryHeader,
          ...c.series.map((s) => s.label),
          ...(details ? [tr.t('report.detail')] : []),
          ...(c.target === undefined ? [] : [tr.t('report.target')]),
        ],
        rows: c.categories.map((cat, i) => [
          cat.partial === true ? tr.t('report.partialLabel', { month: cat.label }) : cat.label,
          ...c.series.map((s) => formatValue(tr, c.valueKind, s.values[i] ?? null)),
          ...(details ? [cat.detail ?? ''] : []),
          ...(c.target === undefined ? [] : [formatValue(tr, c.valueKind, c.target.value)]),
        ]),
      }
    }
    case 'donut': {
      const total = c.slices.reduce((a, s) => a + s.count, 0)
      const share = (n: number): string => tr.percent(total === 0 ? null : n / total)
      return {
        columns: [c.categoryHeader, tr.t('report.count'), tr.t('report.percentOfTotal')],
        rows: [
          ...c.slices.map((s) => [s.label, tr.number(s.count, 0), share(s.count)]),
          [tr.t('report.total'), tr.number(total, 0), share(total)],
        ],
      }
    }
    case 'funnel': {
      const shares = shareOfPrevious(c.steps.map((s) => s.count))
      return {
        columns: [c.categoryHeader, tr.t('report.count'), tr.t('report.percentOfPrevious')],
        rows: c.steps.map((s, i) => [s.label, tr.number(s.count, 0), tr.percent(shares[i] ?? null)]),
      }
    }
  }
}

/** A chart as an SVG element. */
export const chartSvg = (c: Chart, tr: Translator): string =>
  c.kind === 'bars' ? barChartSvg(c, tr) : c.kind === 'donut' ? donutChartSvg(c, tr) : funnelChartSvg(c, tr)

/** A table with a caption, column headers and row headers (the first cell of each row). */
export const tableHtml = (
  caption: string,
  table: ChartTable,
  numeric: (cell: string, column: number) => boolean,
): string => {
  const head = table.columns.map((col) => `<th scope="col">${esc(col)}</th>`).join('')
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row
          .map((cell, i) =>
            i === 0
              ? `<th scope="row">${esc(cell)}</th>`
              : `<td${numeric(cell, i) ? ' class="num"' : ''}>${esc(cell)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n')
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

const figureCell = (cell: string): boolean => /^[\d–\-+−]/.test(cell)

/** A chart with its heading (`level`), notes and table alternative, as an HTML `<figure>`. */
export const chartFigureHtml = (c: Chart, tr: Translator, level: 2 | 3 | 4 = 3): string => {
  const id = safeId(c.id)
  const notes = c.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('')
  return `<figure class="chart${c.kind === 'bars' && c.wide === true ? ' wide' : ''}" id="${id}" aria-labelledby="${id}-heading">
<h${level} id="${id}-heading">${esc(c.title)}</h${level}>
${chartSvg(c, tr)}
${notes}
<details><summary>${esc(tr.t('report.chartData'))}</summary>${tableHtml(c.title, chartTable(c, tr), figureCell)}</details>
</figure>`
}
