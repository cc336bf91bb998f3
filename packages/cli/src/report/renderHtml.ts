import { translator, type Translator } from '../i18n/index.js'
import { chartFigureHtml, escapeMarkup as esc, tableHtml } from './charts/index.js'
import { REPORT_CSS } from './reportCss.js'
import { isFigure, type IndicatorTable, type KeyIndicator, type ReportData } from './reportModel.js'

// ---------------------------------------------------------------------------------------------
// the HTML report: one self-contained file, readable offline, with no script at all — charts
// are SVG drawn here, each with its table — in the landmarks and heading order RGAA asks for
// ---------------------------------------------------------------------------------------------

/** The line that marks a file as a Parcours HTML report (so a later report may replace it). */
export const HTML_REPORT_MARK = '<meta name="generator" content="parcours report">'

/**
 * An indicator table as HTML: figures formatted for the language and right-aligned. A wide table
 * scrolls sideways in its region, which the keyboard can reach (WCAG 2.1.1).
 */
export const indicatorTableHtml = (table: IndicatorTable, tr: Translator): string =>
  `<div class="table" role="region" tabindex="0" aria-label="${esc(table.title)}">${tableHtml(
    table.title,
    {
      columns: table.columns,
      rows: table.rows.map((row) =>
        row.map((cell) => (typeof cell === 'number' ? tr.number(cell, 1) : cell)),
      ),
    },
    (cell) => isFigure(cell),
  )}</div>`

/** A key indicator as a card: value, previous period and change, target in words. */
export const keyIndicatorHtml = (k: KeyIndicator, tr: Translator): string => {
  const lines = [
    k.previous === null
      ? `<p>${esc(tr.t('report.noPrevious'))}</p>`
      : `<p>${esc(k.previous)}${k.change === null ? '' : ` (${esc(tr.t('report.change', { change: k.change }))})`}</p>`,
    k.verdict === null
      ? `<p>${esc(tr.t('report.noTarget'))}</p>`
      : `<p class="verdict">${esc(k.verdict)}</p>`,
    ...(k.note === null ? [] : [`<p>${esc(k.note)}</p>`]),
  ]
  return `<li class="${k.status ?? 'none'}"><h3>${esc(k.label)}</h3><p class="value">${esc(k.value)}</p>${lines.join('')}</li>`
}

/** What the reader must know before the figures, as a note (nothing when there is none). */
export const notesHtml = (notes: ReadonlyArray<string>): string =>
  notes.length === 0
    ? ''
    : `<div class="notes" role="note">${notes.map((n) => `<p>${esc(n)}</p>`).join('')}</div>`

/** The key indicators' section (`before`: markup between its heading and the cards). */
export const keyIndicatorsHtml = (data: ReportData, tr: Translator, before = ''): string =>
  `<section aria-labelledby="indicateurs"><h2 id="indicateurs">${esc(tr.t('report.keyIndicators'))}</h2>
${before}
<ul class="kpis">${data.keyIndicators.map((k) => keyIndicatorHtml(k, tr)).join('\n')}</ul>
</section>`

/** The charts' section: each chart with its values, notes and table. */
export const chartsHtml = (data: ReportData, tr: Translator): string =>
  `<section aria-labelledby="graphiques"><h2 id="graphiques">${esc(tr.t('report.charts'))}</h2>
<div class="charts">
${data.charts.map((c) => chartFigureHtml(c, tr)).join('\n')}
</div>
</section>`

/** Renders the report as one HTML page. */
export const renderHtmlReport = (data: ReportData): string => {
  const tr = translator(data.lang)
  const sections = [
    ['indicateurs', tr.t('report.keyIndicators')],
    ['graphiques', tr.t('report.charts')],
    ['tableaux', tr.t('report.tables')],
    ...(data.drillDown.length > 0 ? [['detail', tr.t('report.drillDown')] as const] : []),
  ] as const
  return `<!doctype html>
<html lang="${data.lang}">
<head>
<meta charset="utf-8">
${HTML_REPORT_MARK}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(data.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<a class="skip" href="#contenu">${esc(tr.t('report.skipLink'))}</a>
<header>
<h1>${esc(data.title)}</h1>
${data.about.map((a) => `<p>${esc(a)}</p>`).join('\n')}
</header>
<nav aria-label="${esc(tr.t('report.nav'))}"><ul>${sections.map(([id, label]) => `<li><a href="#${id}">${esc(label)}</a></li>`).join('')}</ul></nav>
<main id="contenu" tabindex="-1">
${keyIndicatorsHtml(data, tr, notesHtml(data.notes))}
${chartsHtml(data, tr)}
<section aria-labelledby="tableaux"><h2 id="tableaux">${esc(tr.t('report.tables'))}</h2>
${data.tables.map((t) => indicatorTableHtml(t, tr)).join('\n')}
</section>
${
  data.drillDown.length === 0
    ? ''
    : `<section aria-labelledby="detail"><h2 id="detail">${esc(tr.t('report.drillDown'))}</h2>
${data.drillDown.map((t) => indicatorTableHtml(t, tr)).join('\n')}
</section>`
}
</main>
<footer><p>${esc(tr.t('report.footer'))}</p></footer>
</body>
</html>
`
}
