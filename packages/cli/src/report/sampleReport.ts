import { translator, type Locale } from '../i18n/index.js'
import type { ReportData } from './reportModel.js'

/** A small report with every part filled (a partial month, a target, each kind of chart), for tests and previews. */
export const sampleReport = (lang: Locale = 'fr'): ReportData => {
  const tr = translator(lang)
  return {
    lang,
    title: tr.t('report.title'),
    about: [
      tr.t('report.period', { from: tr.month('2025-01'), to: tr.month('2025-03') }),
      tr.t('report.source', { source: tr.t('report.store.sqlite', { name: 'parcours.db' }) }),
      tr.t('report.generated', { date: tr.dateTime('2025-03-14T09:30:00Z') }),
    ],
    notes: [tr.t('report.partialMonth', { month: tr.month('2025-03'), date: tr.date('2025-03-14') })],
    keyIndicators: [
      {
        id: 'positiveExitRate',
        label: tr.t('dashboard.positiveExitRate'),
        value: tr.percent(0.4),
        previous: tr.t('report.previousValue', {
          from: tr.month('2024-10'),
          to: tr.month('2024-12'),
          value: tr.percent(0.35),
        }),
        change: tr.t('report.points', { n: tr.signed(5) }),
        target: tr.t('report.targetAtLeast', { target: tr.percent(0.44) }),
        status: 'missed',
        verdict: tr.t('report.offTarget', {
          value: tr.percent(0.4),
          target: tr.t('report.targetAtLeast', { target: tr.percent(0.44) }),
        }),
        note: null,
      },
    ],
    charts: [
      {
        kind: 'bars',
        id: 'chart-registrations',
        title: tr.t('report.chart.registrations'),
        orientation: 'vertical',
        categoryHeader: tr.t('dashboard.month'),
        categories: [
          { label: tr.shortMonth('2025-01') },
          { label: tr.shortMonth('2025-02') },
          { label: tr.shortMonth('2025-03'), partial: true },
        ],
        series: [{ label: tr.t('report.series.registrations'), values: [40, 35, 12] }],
        valueKind: 'count',
        notes: [],
        wide: true,
      },
      {
        kind: 'bars',
        id: 'chart-positive-exits',
        title: tr.t('report.chart.positiveExitRates'),
        orientation: 'horizontal',
        categoryHeader: tr.t('dashboard.missionLocale'),
        categories: [
          { label: 'ml-amiens', detail: tr.t('report.exits', { count: 10 }) },
          { label: '</svg><b>ml-brest', detail: tr.t('report.noExit') },
        ],
        series: [{ label: tr.t('dashboard.positiveExitRate'), values: [0.4, null] }],
        valueKind: 'share',
        target: { value: 0.44, label: tr.t('report.targetLine', { target: tr.percent(0.44) }) },
        notes: [],
      },
      {
        kind: 'donut',
        id: 'chart-proposals-outcome',
        title: tr.t('report.chart.proposalsByOutcome'),
        categoryHeader: tr.t('report.outcome'),
        slices: [
          { label: tr.t('outcome.carried-out'), count: 21 },
          { label: tr.t('outcome.refused-by-youth'), count: 5 },
          { label: tr.t('outcome.refused-by-third-party'), count: 8 },
          { label: tr.t('outcome.expired'), count: 3 },
        ],
        notes: [],
      },
      {
        kind: 'funnel',
        id: 'chart-funnel',
        title: tr.t('report.chart.funnel'),
        categoryHeader: tr.t('report.step'),
        steps: [
          { label: tr.t('report.funnel.registered'), count: 113 },
          { label: tr.t('report.funnel.proposal'), count: 90 },
          { label: tr.t('report.funnel.entry'), count: 24 },
          { label: tr.t('report.funnel.positiveExit'), count: 6 },
        ],
        notes: [],
      },
    ],
    tables: [
      {
        title: 'National <indicators>',
        columns: [tr.t('dashboard.indicator'), tr.t('report.value')],
        rows: [
          [tr.t('dashboard.firstReceptions'), 1130],
          [tr.t('dashboard.positiveExitRate'), tr.percent(0.353)],
        ],
      },
    ],
    drillDown: [],
  }
}
