import type { CejWeeksIndicator } from '@parcours/projections'
import type { Translator } from '../i18n/index.js'
import type { IndicatorTable, ReportData } from '../report/reportModel.js'

// ---------------------------------------------------------------------------------------------
// the share of CEJ weeks under 15 hours (DARES' measure) as a table of the report
// ---------------------------------------------------------------------------------------------

const national = (indicator: CejWeeksIndicator, tr: Translator): ReadonlyArray<string | number> => {
  const weeks = indicator.totals.reduce((n, t) => n + t.weeks, 0)
  const under = indicator.totals.reduce((n, t) => n + t.weeksUnderTarget, 0)
  const all = tr.t('dashboard.all')
  return [all, tr.t('dashboard.allMonths'), weeks, under, tr.percent(weeks === 0 ? null : under / weeks)]
}

/** One row per mission locale and month, then one per mission locale over every month. */
export const cejWeeksTable = (indicator: CejWeeksIndicator, tr: Translator): IndicatorTable => ({
  title: tr.t('dashboard.cejWeeksTitle', { asOf: tr.date(indicator.asOf) }),
  columns: [
    tr.t('dashboard.missionLocale'),
    tr.t('dashboard.month'),
    tr.t('dashboard.cejWeeks'),
    tr.t('dashboard.under15h'),
    tr.t('dashboard.share'),
  ],
  rows: [
    ...indicator.cells.map((c) => [
      c.missionLocaleId,
      tr.month(c.month),
      c.weeks,
      c.weeksUnderTarget,
      tr.percent(c.shareUnderTarget),
    ]),
    ...indicator.totals.map((c) => [
      c.missionLocaleId,
      tr.t('dashboard.allMonths'),
      c.weeks,
      c.weeksUnderTarget,
      tr.percent(c.shareUnderTarget),
    ]),
    ...(indicator.totals.length > 1 ? [national(indicator, tr)] : []),
  ],
})

/** The report with the CEJ weeks indicator as one more table. */
export const withCejWeeks = (
  report: ReportData,
  indicator: CejWeeksIndicator,
  tr: Translator,
): ReportData => ({
  ...report,
  tables: [...report.tables, cejWeeksTable(indicator, tr)],
})
