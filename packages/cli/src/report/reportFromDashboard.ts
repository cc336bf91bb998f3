import type { Dashboard, DashboardFigures } from '@parcours/projections'
import type { Translator } from '../i18n/index.js'
import type { BarChart, Chart } from './charts/index.js'
import {
  caseloadTable,
  exitsTable,
  indicatorTable,
  monthlyTable,
  proposalCounts,
  sum,
} from './fromDashboard.js'
import { isPartial, monthPlus } from './partialMonth.js'
import type { KeyIndicator, ReportData, ReportSource } from './reportModel.js'
import { targetIndicators, targetRules, targetStatus, type TargetIndicator, type Targets } from './targets.js'

// ---------------------------------------------------------------------------------------------
// the report of a dashboard: key indicators against their targets and the previous period,
// charts that carry their values, the tables, and the drill-down by mission locale and month
// ---------------------------------------------------------------------------------------------

/** What the report is made of; the shell supplies the dates (the domain reads no clock). */
export interface ReportInput {
  readonly dashboard: Dashboard
  /** The same selection over the months just before, or null when there is no data then. */
  readonly previous: Dashboard | null
  readonly targets: Targets
  readonly source: ReportSource
  /** The last day the data counts (a month ending after it is partial). */
  readonly asOf: string
  /** When the report is made (ISO 8601). */
  readonly generatedAt: string
  /** Sentences to show before the figures (journeys that could not be read). */
  readonly notes?: ReadonlyArray<string>
}

/** The source in words, with no local path. */
export const sourceText = (s: ReportSource, tr: Translator): string =>
  s.kind === 'memory'
    ? tr.t('report.store.memory')
    : s.kind === 'sqlite'
      ? tr.t('report.store.sqlite', { name: s.name })
      : s.kind === 'esdb'
        ? tr.t('report.store.esdb', { name: s.name })
        : tr.t('report.simulation', { count: s.youths, missions: s.missions, seed: String(s.seed) })

const formatOf =
  (i: TargetIndicator, tr: Translator) =>
  (v: number | null): string =>
    v === null ? '–' : targetRules[i].unit === 'share' ? tr.percent(v) : tr.number(v, 1)

const targetText = (i: TargetIndicator, target: number, tr: Translator): string => {
  const t = formatOf(i, tr)(target)
  return targetRules[i].direction === 'at-least'
    ? tr.t('report.targetAtLeast', { target: t })
    : tr.t('report.targetAtMost', { target: t })
}

const keyIndicator = (i: TargetIndicator, input: ReportInput, tr: Translator): KeyIndicator => {
  const rule = targetRules[i]
  const format = formatOf(i, tr)
  const value = rule.valueOf(input.dashboard.totals)
  const p = input.previous
  const before = p === null ? null : rule.valueOf(p.totals)
  const target = input.targets[i]
  const status = target === undefined ? null : targetStatus(i, value, target)
  const targetWords = target === undefined ? null : targetText(i, target, tr)
  return {
    id: i,
    label: tr.t(rule.label),
    value: format(value),
    previous:
      p === null || p.from === null || p.to === null
        ? null
        : tr.t('report.previousValue', { from: tr.month(p.from), to: tr.month(p.to), value: format(before) }),
    change:
      value === null || before === null
        ? null
        : rule.unit === 'share'
          ? tr.t('report.points', { n: tr.signed((value - before) * 100) })
          : tr.signed(value - before),
    target: targetWords,
    status,
    verdict:
      status === null || targetWords === null
        ? null
        : status === 'unknown'
          ? tr.t('report.targetUnknown', { target: targetWords })
          : tr.t(status === 'met' ? 'report.onTarget' : 'report.offTarget', {
              value: format(value),
              target: targetWords,
            }),
    note:
      i === 'seenFiveTimes' &&
      input.dashboard.to !== null &&
      isPartial(monthPlus(input.dashboard.to, 12), input.asOf)
        ? tr.t('report.cohortOpen')
        : null,
  }
}

const monthlyCharts = (d: Dashboard, input: ReportInput, tr: Translator): ReadonlyArray<BarChart> => {
  const categories = d.months.map((m) => ({
    label: tr.shortMonth(m.month),
    ...(isPartial(m.month, input.asOf) ? { partial: true } : {}),
  }))
  const partial = d.months.filter((m) => isPartial(m.month, input.asOf))
  const notes = partial.map((m) =>
    tr.t('report.partialMonth', { month: tr.month(m.month), date: tr.date(input.asOf) }),
  )
  return [
    {
      kind: 'bars',
      id: 'chart-registrations',
      title: tr.t('report.chart.registrations'),
      orientation: 'vertical',
      categoryHeader: tr.t('dashboard.month'),
      categories,
      series: [
        { label: tr.t('report.series.registrations'), values: d.months.map((m) => m.firstReceptions) },
      ],
      valueKind: 'count',
      notes,
      wide: true,
    },
    {
      kind: 'bars',
      id: 'chart-entries-exits',
      title: tr.t('report.chart.entriesExits'),
      orientation: 'vertical',
      categoryHeader: tr.t('dashboard.month'),
      categories,
      series: [
        {
          label: tr.t('report.series.programmeEntries'),
          values: d.months.map((m) => sum(m.programmeEntries)),
        },
        {
          label: tr.t('report.series.situationEntries'),
          values: d.months.map(
            (m) => m.trainingEntries + m.employmentEntries.durable + m.employmentEntries.other,
          ),
        },
        { label: tr.t('report.series.exits'), values: d.months.map((m) => m.exits) },
      ],
      valueKind: 'count',
      notes,
      wide: true,
    },
  ]
}

const exitRateChart = (d: Dashboard, input: ReportInput, tr: Translator): BarChart => {
  const scopes: ReadonlyArray<{ readonly id: string; readonly totals: DashboardFigures }> =
    d.missionLocales.length > 0
      ? d.missionLocales.map((m) => ({ id: m.missionLocaleId, totals: m.totals }))
      : [{ id: d.missionLocaleId ?? tr.t('dashboard.national'), totals: d.totals }]
  const target = input.targets.positiveExitRate
  const words = target === undefined ? undefined : targetText('positiveExitRate', target, tr)
  const list = (ids: ReadonlyArray<string>): string =>
    ids.length === 0 ? tr.t('report.nobody') : ids.join(', ')
  const status = (f: DashboardFigures) =>
    target === undefined ? null : targetStatus('positiveExitRate', f.positiveExitRate, target)
  return {
    kind: 'bars',
    id: 'chart-positive-exits',
    title: tr.t('report.chart.positiveExitRates'),
    orientation: 'horizontal',
    categoryHeader: tr.t('dashboard.missionLocale'),
    categories: scopes.map((s) => ({
      label: s.id,
      detail: s.totals.exits === 0 ? tr.t('report.noExit') : tr.t('report.exits', { count: s.totals.exits }),
    })),
    series: [
      { label: tr.t('dashboard.positiveExitRate'), values: scopes.map((s) => s.totals.positiveExitRate) },
    ],
    valueKind: 'share',
    ...(target === undefined || words === undefined
      ? {}
      : { target: { value: target, label: tr.t('report.targetLine', { target: words }) } }),
    notes:
      words === undefined
        ? []
        : [
            tr.t('report.targetBy', {
              target: words,
              met: list(scopes.filter((s) => status(s.totals) === 'met').map((s) => s.id)),
              missed: list(scopes.filter((s) => status(s.totals) === 'missed').map((s) => s.id)),
            }),
          ],
  }
}

const charts = (input: ReportInput, tr: Translator): ReadonlyArray<Chart> => {
  const d = input.dashboard
  const t = d.totals
  const proposals = proposalCounts(t, tr)
  return [
    ...monthlyCharts(d, input, tr),
    exitRateChart(d, input, tr),
    {
      kind: 'funnel',
      id: 'chart-funnel',
      title: tr.t('report.chart.funnel'),
      categoryHeader: tr.t('report.step'),
      steps: [
        { label: tr.t('report.funnel.registered'), count: t.funnel.registered },
        { label: tr.t('report.funnel.proposal'), count: t.funnel.proposal },
        { label: tr.t('report.funnel.entry'), count: t.funnel.entry },
        { label: tr.t('report.funnel.positiveExit'), count: t.funnel.positiveExit },
      ],
      notes: [tr.t('report.funnelNote', { asOf: tr.date(input.asOf) })],
    },
    {
      kind: 'bars',
      id: 'chart-proposals-theme',
      title: tr.t('report.chart.proposalsByTheme'),
      orientation: 'horizontal',
      categoryHeader: tr.t('report.theme'),
      categories: proposals.byTheme.map((p) => ({ label: p.label })),
      series: [{ label: tr.t('dashboard.proposalsOffered'), values: proposals.byTheme.map((p) => p.count) }],
      valueKind: 'count',
      notes: [],
    },
    {
      kind: 'donut',
      id: 'chart-proposals-outcome',
      title: tr.t('report.chart.proposalsByOutcome'),
      categoryHeader: tr.t('report.outcome'),
      slices: proposals.byOutcome,
      notes: [],
    },
  ]
}

/** The report of a dashboard, in the translator's language. */
export const reportFromDashboard = (input: ReportInput, tr: Translator): ReportData => {
  const d = input.dashboard
  const monthLabel = (m: string): string =>
    isPartial(m, input.asOf) ? tr.t('report.partialLabel', { month: tr.month(m) }) : tr.month(m)
  const partial = d.months.filter((m) => isPartial(m.month, input.asOf))
  return {
    lang: tr.locale,
    title:
      d.missionLocaleId === null
        ? tr.t('report.title')
        : tr.t('report.titleOf', { missionLocale: d.missionLocaleId }),
    about: [
      d.from === null || d.to === null
        ? tr.t('report.noPeriod')
        : tr.t('report.period', { from: tr.month(d.from), to: tr.month(d.to) }),
      tr.t('report.source', { source: sourceText(input.source, tr) }),
      tr.t('report.generated', { date: tr.dateTime(input.generatedAt) }),
    ],
    notes: [
      ...partial.map((m) =>
        tr.t('report.partialMonth', { month: tr.month(m.month), date: tr.date(input.asOf) }),
      ),
      ...(input.notes ?? []),
    ],
    keyIndicators: targetIndicators.map((i) => keyIndicator(i, input, tr)),
    charts: charts(input, tr),
    tables: [
      indicatorTable(d, tr),
      monthlyTable(tr.t('dashboard.byMonth'), d.months, tr, monthLabel),
      exitsTable(d, tr),
      caseloadTable(d, tr),
    ],
    drillDown:
      d.missionLocaleId === null && d.missionLocales.length > 1
        ? d.missionLocales.map((m) =>
            monthlyTable(
              tr.t('report.drillDownOf', { missionLocale: m.missionLocaleId }),
              m.months,
              tr,
              monthLabel,
            ),
          )
        : [],
  }
}
