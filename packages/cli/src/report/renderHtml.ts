import { chartSpecs } from './chartConfigs.js'
import { chartJsSource } from './chartJsSource.js'
import { chartConfigsScript } from './chartScript.js'
import { isFigure, type IndicatorTable, type ReportData } from './reportModel.js'

// ---------------------------------------------------------------------------------------------
// the HTML report: one self-contained file (chart.js inlined), readable offline
// ---------------------------------------------------------------------------------------------

/** The line that marks a file as a Parcours HTML report (so a later report may replace it). */
export const HTML_REPORT_MARK = '<meta name="generator" content="parcours report">'

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )

const tableHtml = (table: IndicatorTable): string => {
  const head = table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => `<td${i > 0 && isFigure(cell) ? ' class="num"' : ''}>${escapeHtml(String(cell))}</td>`).join('')}</tr>`,
    )
    .join('\n')
  return `<section class="table"><h2>${escapeHtml(table.title)}</h2><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></section>`
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d2733; background: #f4f6f9; }
header { background: #1f3a5f; color: #fff; padding: 18px 28px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; opacity: .85; font-size: 14px; }
main { padding: 20px 28px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 18px; }
.chart, .table { background: #fff; border-radius: 8px; padding: 14px 18px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.chart h2, .table h2 { font-size: 15px; margin: 0 0 10px; }
.chart .canvas { position: relative; height: 320px; }
.table { margin-top: 18px; overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { border-bottom: 1px solid #e3e7ec; padding: 5px 8px; text-align: left; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
footer { padding: 12px 28px 24px; font-size: 12px; color: #5b6770; }
`

/** Renders the report as one HTML page; it sets `data-charts-rendered` on `<body>` once chart.js has drawn. */
export const renderHtmlReport = (data: ReportData): string => {
  const specs = chartSpecs(data)
  const charts = specs
    .map(
      (s) =>
        `<section class="chart"><h2>${escapeHtml(s.title)}</h2><div class="canvas"><canvas id="${s.id}"></canvas></div></section>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${HTML_REPORT_MARK}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body data-charts-expected="${specs.length}" data-charts-rendered="0">
<header><h1>${escapeHtml(data.title)}</h1><p>${escapeHtml(data.subtitle)}</p></header>
<main>
<div class="charts">
${charts}
</div>
${data.tables.map(tableHtml).join('\n')}
</main>
<footer>Pseudonymous identifiers and counts only: no names, birth dates or comments appear in this report.</footer>
<script>${chartJsSource()}</script>
<script>${chartConfigsScript(specs)}</script>
</body>
</html>
`
}
