import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dashboard } from '@parcours/projections'
import { inProcessCli } from '../testing/inProcessCli.js'
import { dashboardCsv } from './csv.js'
import { indicatorTable, percent, reportFromDashboard } from './fromDashboard.js'

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

describe('the report of a dashboard', () => {
  it('has one column per mission locale after the national one, and full rows', () => {
    const table = indicatorTable(dashboard)
    expect(table.columns).toEqual([
      'Indicator',
      'National',
      ...dashboard.missionLocales.map((m) => m.missionLocaleId),
    ])
    for (const row of table.rows) expect(row).toHaveLength(table.columns.length)
    expect(table.rows.find((r) => r[0] === 'First receptions')?.slice(1)).toEqual([
      80,
      ...dashboard.missionLocales.map((m) => m.totals.firstReceptions),
    ])
  })

  it('charts monthly series that add up to the totals, and a funnel that narrows', () => {
    const report = reportFromDashboard(dashboard, 'test')
    expect(report.months.reduce((a, m) => a + m.registrations, 0)).toBe(dashboard.totals.firstReceptions)
    expect(report.months.reduce((a, m) => a + m.exits, 0)).toBe(dashboard.totals.exits)
    expect(report.proposalsByOutcome.reduce((a, p) => a + p.count, 0)).toBe(
      Object.values(dashboard.totals.proposalsByOutcome).reduce((a, b) => a + b, 0),
    )
    const funnel = report.funnel.map((f) => f.count)
    expect(funnel[0]).toBe(80)
    expect(funnel.at(-1)).toBe(dashboard.totals.positiveExits)
    // every stage counts young people, each once: the funnel never widens
    funnel.slice(1).forEach((count, i) => expect(count).toBeLessThanOrEqual(funnel[i] as number))
    expect(funnel[2]).toBe(dashboard.totals.firstTrainingOrJobEntries)
    expect(report.positiveExitRates.map((r) => r.missionLocaleId)).toEqual(
      dashboard.missionLocales.map((m) => m.missionLocaleId),
    )
  })

  it('exports CSV rows per scope and month whose totals match', () => {
    const lines = dashboardCsv(dashboard).trimEnd().split('\n')
    const header = lines[0]?.split(',') ?? []
    const rows = lines.slice(1).map((l) => l.split(','))
    for (const r of rows) expect(r).toHaveLength(header.length)
    const col = header.indexOf('first_receptions')
    const national = rows.filter((r) => r[0] === 'national' && r[1] !== 'total')
    expect(national.reduce((a, r) => a + Number(r[col]), 0)).toBe(80)
    expect(rows.find((r) => r[0] === 'national' && r[1] === 'total')?.[col]).toBe('80')
    expect(
      rows.find((r) => r[0] === 'national' && r[1] === 'total')?.[header.indexOf('immersion_entries')],
    ).toBe(String(dashboard.totals.immersionEntries))
    expect(new Set(rows.map((r) => r[0]))).toEqual(
      new Set(['national', ...dashboard.missionLocales.map((m) => m.missionLocaleId)]),
    )
  })

  it('writes shares as percentages', () => {
    expect(percent(null)).toBe('–')
    expect(percent(0.5)).toBe('50.0%')
    expect(percent(1 / 3)).toBe('33.3%')
  })
})
