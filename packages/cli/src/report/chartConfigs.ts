import type { ReportData } from './reportModel.js'

// ---------------------------------------------------------------------------------------------
// the four charts of the report, as chart.js configurations (plain JSON, inlined in the page)
// ---------------------------------------------------------------------------------------------

const PALETTE = [
  '#1f5fa8',
  '#e07b00',
  '#2e9e5b',
  '#c0392b',
  '#7d4fb0',
  '#8c6d31',
  '#d6478f',
  '#5b6770',
  '#17a2b8',
  '#b5a600',
]

const common = { animation: false, responsive: true, maintainAspectRatio: false } as const

/** A chart: its element id, heading, and chart.js configuration. */
export interface ChartSpec {
  readonly id: string
  readonly title: string
  readonly config: unknown
}

/** The report's charts, from its data. */
export const chartSpecs = (data: ReportData): ReadonlyArray<ChartSpec> => [
  {
    id: 'chart-monthly',
    title: 'Registrations, entries and exits by month',
    config: {
      type: 'line',
      data: {
        labels: data.months.map((m) => m.month),
        datasets: [
          {
            label: 'Registrations (first receptions)',
            data: data.months.map((m) => m.registrations),
            borderColor: PALETTE[0],
          },
          {
            label: 'Programme entries (PACEA, CEJ)',
            data: data.months.map((m) => m.programmeEntries),
            borderColor: PALETTE[1],
          },
          {
            label: 'Training and job entries',
            data: data.months.map((m) => m.situationEntries),
            borderColor: PALETTE[2],
          },
          { label: 'Exits', data: data.months.map((m) => m.exits), borderColor: PALETTE[3] },
        ],
      },
      options: { ...common, scales: { y: { beginAtZero: true } } },
    },
  },
  {
    id: 'chart-proposals-theme',
    title: 'Proposals by theme',
    config: {
      type: 'bar',
      data: {
        labels: data.proposalsByTheme.map((p) => p.label),
        datasets: [
          {
            label: 'Proposals offered',
            data: data.proposalsByTheme.map((p) => p.count),
            backgroundColor: PALETTE[4],
          },
        ],
      },
      options: { ...common, indexAxis: 'y', scales: { x: { beginAtZero: true } } },
    },
  },
  {
    id: 'chart-proposals-outcome',
    title: 'Proposals by outcome',
    config: {
      type: 'doughnut',
      data: {
        labels: data.proposalsByOutcome.map((p) => p.label),
        datasets: [
          {
            label: 'Outcomes',
            data: data.proposalsByOutcome.map((p) => p.count),
            backgroundColor: PALETTE.slice(0, data.proposalsByOutcome.length),
          },
        ],
      },
      options: { ...common, plugins: { legend: { position: 'right' } } },
    },
  },
  {
    id: 'chart-positive-exits',
    title: 'Positive exit rate by mission locale (%)',
    config: {
      type: 'bar',
      data: {
        labels: data.positiveExitRates.map((r) => r.missionLocaleId),
        datasets: [
          {
            label: 'Positive exits / exits (%)',
            data: data.positiveExitRates.map((r) =>
              r.positiveExitRate === null ? 0 : Math.round(r.positiveExitRate * 1000) / 10,
            ),
            backgroundColor: PALETTE[2],
          },
        ],
      },
      options: { ...common, scales: { y: { beginAtZero: true, max: 100 } } },
    },
  },
  {
    id: 'chart-funnel',
    title: 'Journey funnel',
    config: {
      type: 'bar',
      data: {
        labels: data.funnel.map((f) => f.stage),
        datasets: [
          { label: 'Young people', data: data.funnel.map((f) => f.count), backgroundColor: PALETTE[0] },
        ],
      },
      options: { ...common, indexAxis: 'y', scales: { x: { beginAtZero: true } } },
    },
  },
]
