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

/** A cell of a table: text (escaped here), or markup the caller built from escaped parts. */
export type TableCell = { readonly text: string; readonly numeric?: boolean } | { readonly html: string }

const inner = (c: TableCell): string => ('html' in c ? c.html : esc(c.text))

/** A table with a caption, column headers, and the first cell of each row as its header. */
export const tableHtmlCells = (
  caption: string,
  columns: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<TableCell>>,
): string => {
  const head = columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((c, i) =>
            i === 0
              ? `<th scope="row">${inner(c)}</th>`
              : `<td${'text' in c && c.numeric === true ? ' class="num"' : ''}>${inner(c)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n')
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

/** A table with a caption, column headers and row headers (the first cell of each row). */
export const tableHtml = (
  caption: string,
  table: ChartTable,
  numeric: (cell: string, column: number) => boolean,
): string =>
  tableHtmlCells(
    caption,
    table.columns,
    table.rows.map((row) => row.map((text, i) => ({ text, numeric: numeric(text, i) }))),
  )

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
