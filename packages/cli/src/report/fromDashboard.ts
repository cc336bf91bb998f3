import { exitReasons, programmes, proposalOutcomes, themes } from '@parcours/domain'
import type { Dashboard, DashboardFigures, DashboardMonth } from '@parcours/projections'
import type { Translator } from '../i18n/index.js'
import type { IndicatorTable } from './reportModel.js'

// ---------------------------------------------------------------------------------------------
// the dashboard's tables in the reader's language (the terminal prints them; the report too)
// ---------------------------------------------------------------------------------------------

/** The sum of a record's counts. */
export const sum = (record: Readonly<Record<string, number>>): number =>
  Object.values(record).reduce((a, b) => a + b, 0)

const days = (n: number | null): string | number => (n === null ? '–' : n)

/** The main indicators of a period, as labelled values. */
const indicatorRows = (
  f: DashboardFigures,
  tr: Translator,
): ReadonlyArray<readonly [string, string | number]> => [
  [tr.t('dashboard.firstReceptions'), f.firstReceptions],
  [tr.t('dashboard.inContact'), f.inContact],
  [tr.t('dashboard.accompanied'), f.accompanied],
  ...programmes.map(
    (p) => [tr.t('dashboard.programmeEntries', { programme: p }), f.programmeEntries[p]] as const,
  ),
  ...programmes.map(
    (p) => [tr.t('dashboard.programmeStock', { programme: p }), f.programmeStock[p]] as const,
  ),
  ...programmes.map(
    (p) => [tr.t('dashboard.programmeExits', { programme: p }), sum(f.programmeExits[p])] as const,
  ),
  [tr.t('dashboard.proposalsOffered'), sum(f.proposalsByTheme)],
  [tr.t('dashboard.proposalsCarriedOut'), f.proposalsByOutcome['carried-out']],
  [
    tr.t('dashboard.proposalsFromPartners'),
    `${f.proposalsFromPartners.jobOffers} / ${f.proposalsFromPartners.trainingSessions}`,
  ],
  [tr.t('dashboard.trainingEntries'), `${f.trainingEntries} (${f.qualifyingTrainingEntries})`],
  [tr.t('dashboard.employmentEntries'), `${f.employmentEntries.durable} / ${f.employmentEntries.other}`],
  [tr.t('dashboard.immersionEntries'), f.immersionEntries],
  [tr.t('dashboard.exits'), f.exits],
  [tr.t('dashboard.positiveExitRate'), tr.percent(f.positiveExitRate)],
  [tr.t('dashboard.medianDaysToFirstProposal'), days(f.medianDaysToFirstProposal)],
  [tr.t('dashboard.medianDaysToFirstTrainingOrJob'), days(f.medianDaysToFirstTrainingOrJob)],
  [tr.t('dashboard.interviews'), f.interviews],
  [tr.t('dashboard.seenFiveTimes'), tr.percent(f.seenFiveTimes.share)],
  [
    tr.t('dashboard.followUps'),
    `${f.followUps.kept} / ${f.followUps.missed} / ${f.followUps.unspecified} / ${f.followUps.overdue}`,
  ],
]

/** Indicators side by side: national, then each mission locale. */
export const indicatorTable = (d: Dashboard, tr: Translator): IndicatorTable => {
  const columns = [
    d.missionLocaleId ?? tr.t('dashboard.national'),
    ...(d.missionLocaleId === null ? d.missionLocales.map((m) => m.missionLocaleId) : []),
  ]
  const perColumn = [
    d.totals,
    ...(d.missionLocaleId === null ? d.missionLocales.map((m) => m.totals) : []),
  ].map((f) => indicatorRows(f, tr))
  const first = perColumn[0] ?? []
  return {
    title: tr.t('dashboard.indicatorsTitle', {
      from: d.from === null ? '…' : tr.month(d.from),
      to: d.to === null ? '…' : tr.month(d.to),
    }),
    columns: [tr.t('dashboard.indicator'), ...columns],
    rows: first.map(([label], i) => [label, ...perColumn.map((rows) => rows[i]?.[1] ?? '')]),
  }
}

/** One row per month; `monthLabel` marks a partial month. */
export const monthlyTable = (
  title: string,
  months: ReadonlyArray<DashboardMonth>,
  tr: Translator,
  monthLabel: (month: string) => string = tr.month,
): IndicatorTable => ({
  title,
  columns: [
    tr.t('dashboard.month'),
    tr.t('dashboard.firstReceptions'),
    tr.t('dashboard.inContact'),
    tr.t('dashboard.accompanied'),
    tr.t('programme.PACEA'),
    tr.t('programme.CEJ'),
    tr.t('dashboard.proposals'),
    tr.t('dashboard.trainings'),
    tr.t('dashboard.jobsDurable'),
    tr.t('dashboard.exits'),
    tr.t('dashboard.positiveExitRate'),
  ],
  rows: months.map((m) => [
    monthLabel(m.month),
    m.firstReceptions,
    m.inContact,
    m.accompanied,
    m.programmeEntries.PACEA,
    m.programmeEntries.CEJ,
    sum(m.proposalsByTheme),
    m.trainingEntries,
    `${m.employmentEntries.durable + m.employmentEntries.other} (${m.employmentEntries.durable})`,
    m.exits,
    tr.percent(m.positiveExitRate),
  ]),
})

/** Exits by reason, national then per mission locale. */
export const exitsTable = (d: Dashboard, tr: Translator): IndicatorTable => ({
  title: tr.t('dashboard.exitsByReason'),
  columns: [
    tr.t('dashboard.reason'),
    d.missionLocaleId ?? tr.t('dashboard.national'),
    ...(d.missionLocaleId === null ? d.missionLocales.map((m) => m.missionLocaleId) : []),
  ],
  rows: exitReasons.map((r) => [
    tr.t(`exit.${r}`),
    d.totals.exitsByReason[r],
    ...(d.missionLocaleId === null ? d.missionLocales.map((m) => m.totals.exitsByReason[r]) : []),
  ]),
})

/** Open journeys per counsellor. */
export const caseloadTable = (d: Dashboard, tr: Translator): IndicatorTable => ({
  title: tr.t('dashboard.caseloadTitle'),
  columns: [tr.t('dashboard.missionLocale'), tr.t('dashboard.counsellor'), tr.t('dashboard.openJourneys')],
  rows: d.missionLocales.flatMap((m) =>
    m.caseload.map((c) => [m.missionLocaleId, c.counsellorId, c.openJourneys]),
  ),
})

/** Proposals by theme and by outcome, with their labels. */
export const proposalCounts = (f: DashboardFigures, tr: Translator) => ({
  byTheme: themes.map((t) => ({ label: tr.t(`theme.${t}`), count: f.proposalsByTheme[t] })),
  byOutcome: proposalOutcomes.map((o) => ({ label: tr.t(`outcome.${o}`), count: f.proposalsByOutcome[o] })),
})
