import { translator, type MessageKey, type Translator } from '../../i18n/index.js'
import { french } from '../../i18n/index.js'
import { tableHtmlCells } from '../../report/charts/index.js'
import { esc, href } from './html.js'
import { layout } from './layout.js'
import type { PageContext } from './pageContext.js'
import { pagePaths } from './pagePaths.js'
import type { Cell, WorklistModel, WorklistSection } from './worklistModel.js'
import { youthLink } from './youthCell.js'

// ---------------------------------------------------------------------------------------------
// the counsellor's worklist: the date it is counted on (a GET form), a table of contents, then
// one section per kind of alert — a table, or "nothing to report"
// ---------------------------------------------------------------------------------------------

const isKey = (s: string): s is MessageKey => s in french

const label = (s: string, tr: Translator): string => (isKey(s) ? tr.t(s) : s)

const cellText = (c: Cell, tr: Translator): string => {
  switch (c.kind) {
    case 'date':
      return tr.date(c.value)
    case 'count':
      return tr.number(c.value, 0)
    case 'hours':
      return tr.t('web.hours', { hours: tr.number(c.minutes / 60, 1) })
    case 'label':
      return tr.t(c.key)
    case 'text':
      return c.value
  }
}

const titleOf = (s: WorklistSection, tr: Translator): string => (s.title === null ? s.id : tr.t(s.title))

const sectionHtml = (s: WorklistSection, model: WorklistModel, tr: Translator): string => {
  const title = titleOf(s, tr)
  const heading = `<h2 id="${esc(s.id)}">${esc(tr.t('web.worklist.sectionCount', { title, count: s.rows.length }))}</h2>`
  if (s.rows.length === 0)
    return `<section class="panel" aria-labelledby="${esc(s.id)}">${heading}<p class="empty">${esc(tr.t('web.worklist.empty'))}</p></section>`
  const table = tableHtmlCells(
    title,
    s.columns.map((c) => label(c, tr)),
    s.rows.map((r) => [
      s.subject === 'outreachCase'
        ? { text: r.youthId }
        : { html: youthLink(r.youthId, model.names.get(r.youthId), tr) },
      ...r.cells.map((c) => ({ text: cellText(c, tr), numeric: c.kind === 'count' || c.kind === 'hours' })),
    ]),
  )
  return `<section class="panel" aria-labelledby="${esc(s.id)}">${heading}<div class="table" role="region" tabindex="0" aria-label="${esc(title)}">${table}</div></section>`
}

/** The worklist page. */
export const renderWorklistPage = (model: WorklistModel, ctx: PageContext): string => {
  const tr = translator(ctx.locale)
  const total = model.sections.reduce((n, s) => n + s.rows.length, 0)
  const toc = `<nav class="toc panel" aria-label="${esc(tr.t('web.worklist.sections'))}"><ul>${model.sections
    .map(
      (s) =>
        `<li><a href="#${esc(s.id)}">${esc(tr.t('web.worklist.sectionCount', { title: titleOf(s, tr), count: s.rows.length }))}</a></li>`,
    )
    .join('')}</ul></nav>`
  const dateForm = `<form class="filters" method="get" action="${pagePaths.worklist}"><div class="field"><label for="at">${esc(tr.t('web.worklist.asOf'))}</label><input type="date" id="at" name="at" value="${esc(model.asOf)}"></div><button type="submit" class="primary">${esc(tr.t('web.worklist.show'))}</button></form>`
  return layout(ctx, {
    title: tr.t('web.worklist.title'),
    lead: tr.t('web.worklist.intro', {
      date: tr.date(model.asOf),
      counsellor: model.counsellorId,
      missionLocale: model.missionLocaleId,
    }),
    main: `${dateForm}<p>${esc(tr.t('web.worklist.total', { count: total }))} ${esc(tr.t('web.worklist.names'))}</p>
<p><a class="button" href="${esc(href(pagePaths.register))}">${esc(tr.t('web.action.register'))}</a></p>
${toc}
${model.sections.map((s) => sectionHtml(s, model, tr)).join('\n')}`,
  })
}
