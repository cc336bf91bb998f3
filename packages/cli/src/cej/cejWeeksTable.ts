import type { CejWeeksIndicator } from '@parcours/projections'
import type { IndicatorTable, ReportData } from '../report/reportModel.js'

// ---------------------------------------------------------------------------------------------
// the share of CEJ weeks under 15 hours (DARES' measure) as a table of the report
// ---------------------------------------------------------------------------------------------

const percent = (share: number | null): string => (share === null ? '–' : `${(share * 100).toFixed(1)}%`)

const national = (indicator: CejWeeksIndicator): ReadonlyArray<string | number> => {
  const weeks = indicator.totals.reduce((n, t) => n + t.weeks, 0)
  const under = indicator.totals.reduce((n, t) => n + t.weeksUnderTarget, 0)
  return ['all', 'all', weeks, under, percent(weeks === 0 ? null : under / weeks)]
}

/** One row per mission locale and month, then one per mission locale over every month. */
export const cejWeeksTable = (indicator: CejWeeksIndicator): IndicatorTable => ({
  title: `CEJ weeks under 15 h of activity (DARES: about 35%), complete weeks as of ${indicator.asOf}`,
  columns: ['Mission locale', 'Month', 'CEJ weeks', 'Under 15 h', 'Share'],
  rows: [
    ...indicator.cells.map((c) => [
      c.missionLocaleId,
      c.month,
      c.weeks,
      c.weeksUnderTarget,
      percent(c.shareUnderTarget),
    ]),
    ...indicator.totals.map((c) => [
      c.missionLocaleId,
      'all',
      c.weeks,
      c.weeksUnderTarget,
      percent(c.shareUnderTarget),
    ]),
    ...(indicator.totals.length > 1 ? [national(indicator)] : []),
  ],
})

/** The report with the CEJ weeks indicator as one more table. */
export const withCejWeeks = (report: ReportData, indicator: CejWeeksIndicator): ReportData => ({
  ...report,
  tables: [...report.tables, cejWeeksTable(indicator)],
})
