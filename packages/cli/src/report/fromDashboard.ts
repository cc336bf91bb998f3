import { exitReasons, programmes, proposalOutcomes, themes } from '@parcours/domain'
import type { Dashboard, DashboardFigures } from '@parcours/projections'
import type { IndicatorTable, ReportData } from './reportModel.js'

// ---------------------------------------------------------------------------------------------
// the dashboard (from the projections) as the report shows it: charts' series and tables
// ---------------------------------------------------------------------------------------------

const sum = (record: Readonly<Record<string, number>>): number =>
  Object.values(record).reduce((a, b) => a + b, 0)

/** A share as a percentage with one decimal, or a dash. */
export const percent = (share: number | null): string =>
  share === null ? '–' : `${(share * 100).toFixed(1)}%`

const days = (n: number | null): string => (n === null ? '–' : `${n}`)

/** The main indicators of a period, as labelled values. */
const indicatorRows = (f: DashboardFigures): ReadonlyArray<readonly [string, string | number]> => [
  ['First receptions', f.firstReceptions],
  ['Young people in contact', f.inContact],
  ['Accompanied (open journeys, end of period)', f.accompanied],
  ...programmes.map((p) => [`${p} entries`, f.programmeEntries[p]] as const),
  ...programmes.map((p) => [`In ${p} (end of period)`, f.programmeStock[p]] as const),
  ...programmes.map((p) => [`${p} exits`, sum(f.programmeExits[p])] as const),
  ['Proposals offered', sum(f.proposalsByTheme)],
  ['Proposals carried out', f.proposalsByOutcome['carried-out']],
  ['Training entries (qualifying)', `${f.trainingEntries} (${f.qualifyingTrainingEntries})`],
  ['Employment entries: durable / other', `${f.employmentEntries.durable} / ${f.employmentEntries.other}`],
  ['Immersions (PMSMP) started', f.immersionEntries],
  ['Exits', f.exits],
  ['Positive exit rate', percent(f.positiveExitRate)],
  ['Median days to first proposal', days(f.medianDaysToFirstProposal)],
  ['Median days to first training or job', days(f.medianDaysToFirstTrainingOrJob)],
  ['Individual interviews', f.interviews],
  ['Seen ≥ 5 times (interviews) in first 12 months', percent(f.seenFiveTimes.share)],
  [
    'Appointments kept / missed / unknown / overdue',
    `${f.followUps.kept} / ${f.followUps.missed} / ${f.followUps.unspecified} / ${f.followUps.overdue}`,
  ],
]

/** Indicators side by side: national, then each mission locale. */
export const indicatorTable = (d: Dashboard): IndicatorTable => {
  const columns = [
    d.missionLocaleId ?? 'National',
    ...(d.missionLocaleId === null ? d.missionLocales.map((m) => m.missionLocaleId) : []),
  ]
  const perColumn = [
    d.totals,
    ...(d.missionLocaleId === null ? d.missionLocales.map((m) => m.totals) : []),
  ].map(indicatorRows)
  const first = perColumn[0] ?? []
  return {
    title: `Indicators, ${d.from ?? '…'} to ${d.to ?? '…'}`,
    columns: ['Indicator', ...columns],
    rows: first.map(([label], i) => [label, ...perColumn.map((rows) => rows[i]?.[1] ?? '')]),
  }
}

const monthlyTable = (d: Dashboard): IndicatorTable => ({
  title: 'By month',
  columns: [
    'Month',
    'First receptions',
    'In contact',
    'Accompanied',
    'PACEA',
    'CEJ',
    'Proposals',
    'Trainings',
    'Jobs (durable)',
    'Exits',
    'Positive exit rate',
  ],
  rows: d.months.map((m) => [
    m.month,
    m.firstReceptions,
    m.inContact,
    m.accompanied,
    m.programmeEntries.PACEA,
    m.programmeEntries.CEJ,
    sum(m.proposalsByTheme),
    m.trainingEntries,
    `${m.employmentEntries.durable + m.employmentEntries.other} (${m.employmentEntries.durable})`,
    m.exits,
    percent(m.positiveExitRate),
  ]),
})

const exitsTable = (d: Dashboard): IndicatorTable => ({
  title: 'Exits by reason',
  columns: ['Reason', 'National', ...d.missionLocales.map((m) => m.missionLocaleId)],
  rows: exitReasons.map((r) => [
    r,
    d.totals.exitsByReason[r],
    ...d.missionLocales.map((m) => m.totals.exitsByReason[r]),
  ]),
})

const caseloadTable = (d: Dashboard): IndicatorTable => ({
  title: 'Caseload per counsellor (open journeys now)',
  columns: ['Mission locale', 'Counsellor', 'Open journeys'],
  rows: d.missionLocales.flatMap((m) =>
    m.caseload.map((c) => [m.missionLocaleId, c.counsellorId, c.openJourneys]),
  ),
})

/** The report of a dashboard; `subtitle` says what was simulated or which store it comes from. */
export const reportFromDashboard = (d: Dashboard, subtitle: string): ReportData => {
  const t = d.totals
  return {
    title: `Parcours — steering dashboard${d.missionLocaleId === null ? '' : ` — ${d.missionLocaleId}`}`,
    subtitle,
    months: d.months.map((m) => ({
      month: m.month,
      registrations: m.firstReceptions,
      programmeEntries: sum(m.programmeEntries),
      situationEntries: m.trainingEntries + m.employmentEntries.durable + m.employmentEntries.other,
      exits: m.exits,
    })),
    proposalsByTheme: themes.map((label) => ({ label, count: t.proposalsByTheme[label] })),
    proposalsByOutcome: proposalOutcomes.map((label) => ({ label, count: t.proposalsByOutcome[label] })),
    positiveExitRates: d.missionLocales.map((m) => ({
      missionLocaleId: m.missionLocaleId,
      exits: m.totals.exits,
      positiveExitRate: m.totals.positiveExitRate,
    })),
    funnel: [
      { stage: 'Registered', count: t.firstReceptions },
      { stage: 'Received a proposal', count: t.firstProposals },
      { stage: 'Entered training or a job', count: t.firstTrainingOrJobEntries },
      { stage: 'Positive exit', count: t.positiveExits },
    ],
    tables: [indicatorTable(d), monthlyTable(d), exitsTable(d), caseloadTable(d)],
  }
}
