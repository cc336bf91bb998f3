import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dashboard } from '@parcours/projections'
import { translator } from '../i18n/index.js'
import { inProcessCli } from '../testing/inProcessCli.js'
import { untranslatedIn } from '../testing/untranslated.js'
import type { BarChart, DonutChart, FunnelChart } from './charts/index.js'
import { indicatorTable } from './fromDashboard.js'
import { lastDayOf, monthPlus, previousRange } from './partialMonth.js'
import { renderHtmlReport } from './renderHtml.js'
import { reportFromDashboard, type ReportInput } from './reportFromDashboard.js'

// A real dashboard: a small demo on the memory store.
let dashboard: Dashboard
const { parcours, remove } = inProcessCli('parcours-report-')
afterAll(remove)
beforeAll(async () => {
  const demo = await parcours(
    '--store',
    'memory',
    'demo',
    '--youths',
    '80',
    '--months',
    '6',
    '--missions',
    '3',
    '--json',
    '--no-html',
  )
  expect(demo.code, demo.err).toBe(0)
  dashboard = JSON.parse(demo.out) as Dashboard
})

const fr = translator('fr')
const en = translator('en')
const input = (o: Partial<ReportInput> = {}): ReportInput => ({
  dashboard,
  previous: null,
  targets: {},
  source: { kind: 'sqlite', name: 'parcours.db' },
  asOf: lastDayOf(dashboard.to ?? '2025-01'),
  generatedAt: '2026-12-02T07:12:00Z',
  ...o,
})
const chart = <C>(r: ReturnType<typeof reportFromDashboard>, id: string): C =>
  r.charts.find((c) => c.id === id) as C

describe('the dashboard tables', () => {
  it('have one column per mission locale after the national one, full rows, in the language asked', () => {
    const table = indicatorTable(dashboard, fr)
    expect(table.columns).toEqual([
      'Indicateur',
      'National',
      ...dashboard.missionLocales.map((m) => m.missionLocaleId),
    ])
    for (const row of table.rows) expect(row).toHaveLength(table.columns.length)
    expect(table.rows.find((r) => r[0] === 'Premiers accueils')?.slice(1)).toEqual([
      80,
      ...dashboard.missionLocales.map((m) => m.totals.firstReceptions),
    ])
    expect(indicatorTable(dashboard, en).rows.map((r) => r[0])).toContain('First receptions')
  })
})

describe('the report of a dashboard', () => {
  it('charts monthly series that add up to the totals, outcomes with French labels, a nested funnel', () => {
    const report = reportFromDashboard(input(), fr)
    const registrations = chart<BarChart>(report, 'chart-registrations')
    expect(registrations.series[0]?.values.reduce<number>((a, v) => a + (v ?? 0), 0)).toBe(80)
    const outcomes = chart<DonutChart>(report, 'chart-proposals-outcome')
    expect(outcomes.slices.map((s) => s.label)).toContain('Refusée par un tiers')
    expect(outcomes.slices.reduce((a, s) => a + s.count, 0)).toBe(
      Object.values(dashboard.totals.proposalsByOutcome).reduce((a, b) => a + b, 0),
    )
    const funnel = chart<FunnelChart>(report, 'chart-funnel').steps.map((s) => s.count)
    expect(funnel[0]).toBe(80)
    funnel.slice(1).forEach((count, i) => expect(count).toBeLessThanOrEqual(funnel[i] as number))
    expect(funnel[1]).toBeGreaterThan(0)
    expect(chart<BarChart>(report, 'chart-positive-exits').categories.map((c) => c.label)).toEqual(
      dashboard.missionLocales.map((m) => m.missionLocaleId),
    )
    expect(report.drillDown.map((t) => t.rows.length)).toEqual(dashboard.missionLocales.map(() => 6))
  })

  it('marks a month the data stops inside as partial, with a note, and no month when it is over', () => {
    const last = dashboard.to as string
    const partial = reportFromDashboard(input({ asOf: `${last}-14` }), fr)
    const categories = chart<BarChart>(partial, 'chart-registrations').categories
    expect(categories.map((c) => c.partial === true)).toEqual([false, false, false, false, false, true])
    expect(partial.notes[0]).toBe(
      `Le mois de ${fr.month(last)} est en cours : il n’est compté que jusqu’au 14 ${fr.month(last).split(' ')[0]} ${last.slice(0, 4)}. Sa barre est hachurée ; ne la comparez pas aux mois complets.`,
    )
    expect(partial.tables[1]?.rows.at(-1)?.[0]).toBe(`${fr.month(last)} (partiel)`)
    const over = reportFromDashboard(input(), fr)
    expect(chart<BarChart>(over, 'chart-registrations').categories.some((c) => c.partial === true)).toBe(
      false,
    )
    expect(over.notes).toEqual([])
  })

  it('says in words whether each target is met, and draws the positive exit rate target', () => {
    const rate = dashboard.totals.positiveExitRate as number
    const report = reportFromDashboard(
      input({ targets: { positiveExitRate: rate, medianDaysToFirstProposal: 0, firstReceptions: 81 } }),
      fr,
    )
    const byId = Object.fromEntries(report.keyIndicators.map((k) => [k.id, k]))
    expect(byId['positiveExitRate']?.status).toBe('met')
    expect(byId['positiveExitRate']?.verdict).toBe(
      `Objectif atteint (${fr.percent(rate)} pour au moins ${fr.percent(rate)}).`,
    )
    expect(byId['firstReceptions']?.status).toBe('missed')
    expect(byId['firstReceptions']?.verdict).toBe('Objectif non atteint (80 pour au moins 81).')
    expect(byId['inContact']?.verdict).toBeNull()
    // the last cohorts' 12 months are not over on the last day of data
    expect(byId['seenFiveTimes']?.note).toMatch(/^Les jeunes accueillis depuis moins de 12 mois/)
    expect(byId['inContact']?.note).toBeNull()
    const later = reportFromDashboard(input({ asOf: lastDayOf(monthPlus(dashboard.to as string, 12)) }), fr)
    expect(later.keyIndicators.find((k) => k.id === 'seenFiveTimes')?.note).toBeNull()
    const exits = chart<BarChart>(report, 'chart-positive-exits')
    expect(exits.target?.value).toBe(rate)
    expect(exits.notes[0]).toMatch(/^Objectif au moins .* — atteint : .* ; non atteint : .*\.$/)
  })

  it('compares with the previous period, and says when there is none', () => {
    const none = reportFromDashboard(input(), en).keyIndicators[0]
    expect([none?.previous, none?.change]).toEqual([null, null])
    const same = reportFromDashboard(input({ previous: dashboard }), en).keyIndicators[0]
    expect(same?.previous).toBe(
      `Previous period (${en.month(dashboard.from as string)} to ${en.month(dashboard.to as string)}): 80`,
    )
    expect(same?.change).toBe('0')
    expect(previousRange('2025-03', '2025-08')).toEqual({ from: '2024-09', to: '2025-02' })
    expect(previousRange('2025-01', '2025-01')).toEqual({ from: '2024-12', to: '2024-12' })
  })

  it('names its store by kind and file name, never by a path, and dates itself', () => {
    const report = reportFromDashboard(input(), fr)
    expect(report.about).toEqual([
      `Période : de ${fr.month(dashboard.from as string)} à ${fr.month(dashboard.to as string)}.`,
      'Source : base SQLite « parcours.db ».',
      'Généré le 2 décembre 2026 à 07:12 (UTC).',
    ])
  })

  it('renders pages with no untranslated key, placeholder or raw code, in French and in English', () => {
    const targets = { positiveExitRate: 0.44, seenFiveTimes: 0.35, medianDaysToFirstProposal: 30 }
    const pages = (['fr', 'en'] as const).map((lang) =>
      renderHtmlReport(
        reportFromDashboard(
          input({ targets, previous: dashboard, asOf: `${dashboard.to as string}-14` }),
          translator(lang),
        ),
      ),
    )
    for (const page of pages) expect(untranslatedIn(page)).toEqual([])
    expect(pages[0]).toContain('<html lang="fr">')
    expect(pages[1]).toContain('<html lang="en">')
    expect(pages[0]).toContain('Refusée par un tiers')
    expect(pages[1]).toContain('Refused by a third party')
  })
})
