import { addDays, addMonths, monthOf, type LocalDate } from '@parcours/domain'
import type { Dashboard } from '@parcours/projections'
import type { IndicatorTable } from '../report/reportModel.js'

// ---------------------------------------------------------------------------------------------
// model: the published national figures a simulated network should come near (docs/domain.md, "Figures a simulation should come near"), and
// the demo's own figures beside them.
// ---------------------------------------------------------------------------------------------

/** A published figure: its value, the band the simulation aims at, and where it comes from. */
export interface Reference {
  readonly indicator: string
  readonly published: number
  readonly band: readonly [number, number]
  readonly source: string
}

/** The demo's figure of one reference (null when the simulated period cannot give it). */
export interface ReferenceComparison extends Reference {
  readonly demo: number | null
  /** What the demo's figure is computed over. */
  readonly over: string
}

const CIVIS = 'DARES, follow-up of the CIVIS cohort: exits 38% durable employment, 7% other, 6% training'

/** The references, in the order the demo prints them. */
export const references = {
  positiveExits: {
    indicator: 'Positive exits (durable employment or qualifying training), share of exits',
    published: 0.44,
    band: [0.4, 0.5],
    source: `${CIVIS}; DARES, Garantie jeunes end of 2019: 43.5% in employment, training or apprenticeship`,
  },
  durableEmployment: {
    indicator: 'Exits for durable employment, share of exits',
    published: 0.38,
    band: [0.33, 0.43],
    source: CIVIS,
  },
  otherEmployment: {
    indicator: 'Exits for other employment, share of exits',
    published: 0.07,
    band: [0.04, 0.12],
    source: CIVIS,
  },
  qualifyingTraining: {
    indicator: 'Exits for qualifying training, share of exits',
    published: 0.06,
    band: [0.03, 0.1],
    source: CIVIS,
  },
  seenFiveTimes: {
    indicator: 'Seen ≥ 5 times (individual interviews) in the 12 months after registration',
    published: 0.35,
    band: [0.35, 0.5],
    source:
      'DARES 2008: 35% of young people had 5 interviews or more in the year after their first reception',
  },
} as const satisfies Record<string, Reference>

/**
 * The last month whose registrations had all of their 12 months inside a period ending `to`, or
 * null when the period is shorter than a year.
 */
export const lastFullYearCohort = (from: LocalDate, to: LocalDate): string | null => {
  let last: string | null = null
  for (let first = `${monthOf(from)}-01` as LocalDate; ; first = addMonths(first, 1)) {
    // The month's last registrant is followed up to the day before the same date a year on.
    if (addMonths(addDays(addMonths(first, 1), -1), 12) > addDays(to, 1)) return last
    last = monthOf(first)
  }
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)

/**
 * The demo's figures beside the references: exits over the whole period (national), and "seen 5
 * times" over the cohorts whose 12 months fall inside it (`cohorts`, from `lastFullYearCohort`).
 */
export const compareWithReferences = (
  national: Dashboard,
  cohorts: Dashboard | null,
): ReadonlyArray<ReferenceComparison> => {
  const t = national.totals
  const exits = `${t.exits} exits, ${national.from ?? '–'} to ${national.to ?? '–'}`
  const seen = cohorts?.totals.seenFiveTimes
  return [
    { ...references.positiveExits, demo: t.positiveExitRate, over: exits },
    {
      ...references.durableEmployment,
      demo: share(t.exitsByReason['durable-employment'], t.exits),
      over: exits,
    },
    { ...references.otherEmployment, demo: share(t.exitsByReason['other-employment'], t.exits), over: exits },
    {
      ...references.qualifyingTraining,
      demo: share(t.exitsByReason['qualifying-training'], t.exits),
      over: exits,
    },
    {
      ...references.seenFiveTimes,
      demo: seen?.share ?? null,
      over:
        cohorts === null || seen === undefined
          ? 'no cohort with 12 months simulated'
          : `${seen.cohort} registered ${cohorts.from ?? '–'} to ${cohorts.to ?? '–'}`,
    },
  ]
}

const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`)

/** The comparison as a table for the terminal. */
export const referenceTable = (rows: ReadonlyArray<ReferenceComparison>): IndicatorTable => ({
  title: 'The simulation beside the published national figures',
  columns: ['Indicator', 'Demo', 'Published (aimed band)', 'Demo computed over', 'Source'],
  rows: rows.map((r) => [
    r.indicator,
    pct(r.demo),
    `${pct(r.published)} (${pct(r.band[0])}–${pct(r.band[1])})`,
    r.over,
    r.source,
  ]),
})
