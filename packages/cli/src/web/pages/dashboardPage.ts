import { withCejWeeks } from '../../cej/cejWeeksTable.js'
import { translator, type Translator } from '../../i18n/index.js'
import { isPartial } from '../../report/partialMonth.js'
import { chartsHtml, indicatorTableHtml, keyIndicatorsHtml, notesHtml } from '../../report/renderHtml.js'
import { reportFromDashboard } from '../../report/reportFromDashboard.js'
import type { DashboardModel } from './dashboardModel.js'
import { attrs, esc, href } from './html.js'
import { layout } from './layout.js'
import type { PageContext } from './pageContext.js'
import { pagePaths } from './pagePaths.js'

// ---------------------------------------------------------------------------------------------
// the steering dashboard: the period and scope (a GET form), key indicators against their
// targets and the previous period, the charts with their values and tables, the drill-down by
// mission locale and month, the exports. The same figures as the static report.
// ---------------------------------------------------------------------------------------------

const filters = (m: DashboardModel, tr: Translator): string => {
  const d = m.input.dashboard
  const scope =
    m.scopes === null
      ? m.missionLocaleId === null
        ? ''
        : `<input type="hidden" name="missionLocale" value="${esc(m.missionLocaleId)}">`
      : `<div class="field"><label for="missionLocale">${esc(tr.t('web.dashboard.scope'))}</label><select id="missionLocale" name="missionLocale"><option value="">${esc(tr.t('web.dashboard.nationalScope'))}</option>${m.scopes
          .map(
            (id) => `<option${attrs({ value: id, selected: id === m.missionLocaleId })}>${esc(id)}</option>`,
          )
          .join('')}</select></div>`
  const month = (name: 'from' | 'to', value: string | null) =>
    `<div class="field"><label for="${name}">${esc(tr.t(name === 'from' ? 'web.dashboard.from' : 'web.dashboard.to'))}</label><input${attrs({ type: 'month', id: name, name, value: value ?? '', pattern: '\\d{4}-\\d{2}' })}></div>`
  return `<form class="filters" method="get" action="${pagePaths.dashboard}" aria-label="${esc(tr.t('web.dashboard.filters'))}">${scope}${month('from', d.from)}${month('to', d.to)}<button type="submit" class="primary">${esc(tr.t('web.dashboard.apply'))}</button></form>`
}

const drillDown = (m: DashboardModel, tr: Translator): string => {
  const d = m.input.dashboard
  const scopeName = m.missionLocaleId ?? tr.t('dashboard.national')
  const base = m.missionLocaleId === null ? {} : { missionLocale: m.missionLocaleId }
  const months = d.months
    .map((x) => {
      const label = isPartial(x.month, m.input.asOf)
        ? tr.t('report.partialLabel', { month: tr.month(x.month) })
        : tr.month(x.month)
      return `<li><a${attrs({ href: href(pagePaths.dashboard, { ...base, month: x.month }), 'aria-current': m.month === x.month ? 'page' : undefined })}>${esc(label)}</a></li>`
    })
    .join('')
  const locales =
    m.missionLocaleId === null && d.missionLocales.length > 0
      ? `<h3>${esc(tr.t('web.dashboard.drillMissionLocales'))}</h3><ul>${d.missionLocales
          .map(
            (x) =>
              `<li><a href="${esc(href(pagePaths.dashboard, { missionLocale: x.missionLocaleId, ...(m.month === null ? {} : { month: m.month }) }))}">${esc(x.missionLocaleId)}</a></li>`,
          )
          .join('')}</ul>`
      : ''
  const back = [
    ...(m.month === null
      ? []
      : [`<a href="${esc(href(pagePaths.dashboard, base))}">${esc(tr.t('web.dashboard.wholePeriod'))}</a>`]),
    ...(m.missionLocaleId !== null && m.scopes !== null
      ? [
          `<a href="${esc(href(pagePaths.dashboard, m.month === null ? {} : { month: m.month }))}">${esc(tr.t('web.dashboard.backNational'))}</a>`,
        ]
      : []),
  ]
  return `<section class="panel drill" aria-labelledby="explorer"><h2 id="explorer">${esc(tr.t('web.dashboard.drillDown'))}</h2>${back.length === 0 ? '' : `<p>${back.join(' · ')}</p>`}<h3>${esc(tr.t('web.dashboard.drillMonths', { scope: scopeName }))}</h3><ul>${months}</ul>${locales}</section>`
}

const exports = (m: DashboardModel, tr: Translator): string =>
  `<section class="panel" aria-labelledby="exports"><h2 id="exports">${esc(tr.t('web.dashboard.exports'))}</h2><ul>
<li><a href="${esc(href(pagePaths.dashboardCsv, m.query))}" download>${esc(tr.t('web.dashboard.csv'))}</a></li>
<li><a href="${esc(href(pagePaths.dashboardCsv, { ...m.query, excel: '1' }))}" download>${esc(tr.t('web.dashboard.csvExcel'))}</a></li>
</ul><p>${esc(tr.t('web.dashboard.pseudonymous'))}</p></section>`

/** The dashboard page. */
export const renderDashboardPage = (m: DashboardModel, ctx: PageContext): string => {
  const tr = translator(ctx.locale)
  const report = withCejWeeks(reportFromDashboard(m.input, tr), m.cejWeeks, tr)
  const title =
    m.month === null
      ? report.title
      : tr.t('web.dashboard.titleMonth', {
          scope: m.missionLocaleId ?? tr.t('dashboard.national'),
          month: tr.month(m.month),
        })
  const targets = m.mayEditTargets
    ? `<p><a class="button" href="${esc(href(pagePaths.targets, m.missionLocaleId === null ? {} : { missionLocale: m.missionLocaleId }))}">${esc(tr.t('web.dashboard.setTargets'))}</a></p>`
    : ''
  return layout(ctx, {
    title,
    lead: report.about.join(' '),
    main: `${filters(m, tr)}
${notesHtml(report.notes)}
${keyIndicatorsHtml(report, tr, targets)}
${chartsHtml(report, tr)}
${drillDown(m, tr)}
<section aria-labelledby="tableaux"><h2 id="tableaux">${esc(tr.t('report.tables'))}</h2>
${report.tables.map((t) => indicatorTableHtml(t, tr)).join('\n')}
${report.drillDown.map((t) => indicatorTableHtml(t, tr)).join('\n')}
</section>
${exports(m, tr)}`,
  })
}
