import {
  exitReasons,
  positiveExitReasons,
  programmeExitReasons,
  programmes,
  proposalOutcomes,
  themes,
} from '@parcours/domain'
import { addDocs, type Counts, type DashboardCell } from './documents.js'

// ---------------------------------------------------------------------------------------------
// model: the figures a dashboard shows for one period, and how they come from summed cells.
// ---------------------------------------------------------------------------------------------

/** Every indicator for one period (a month, or a range of months). Plain JSON, counts only. */
export interface DashboardFigures {
  readonly firstReceptions: number
  /** Distinct young people with at least one contact event in the period. */
  readonly inContact: number
  /** Open journeys at the end of the period. */
  readonly accompanied: number
  readonly programmeEntries: Readonly<Record<(typeof programmes)[number], number>>
  /** Young people in each programme at the end of the period. */
  readonly programmeStock: Readonly<Record<(typeof programmes)[number], number>>
  /** Programme exits in the period, by programme and by reason. */
  readonly programmeExits: Readonly<
    Record<(typeof programmes)[number], Readonly<Record<(typeof programmeExitReasons)[number], number>>>
  >
  readonly proposalsByTheme: Readonly<Record<(typeof themes)[number], number>>
  readonly proposalsByOutcome: Readonly<Record<(typeof proposalOutcomes)[number], number>>
  /** Proposals made from a partner's offer: a France Travail job offer, or a training catalogue's session. */
  readonly proposalsFromPartners: { readonly jobOffers: number; readonly trainingSessions: number }
  readonly trainingEntries: number
  readonly qualifyingTrainingEntries: number
  readonly employmentEntries: { readonly durable: number; readonly other: number }
  /** Immersions (PMSMP) started in the period. */
  readonly immersionEntries: number
  readonly exitsByReason: Readonly<Record<(typeof exitReasons)[number], number>>
  readonly exits: number
  readonly positiveExits: number
  /** Positive exits over exits; null when there is no exit. */
  readonly positiveExitRate: number | null
  readonly medianDaysToFirstProposal: number | null
  readonly medianDaysToFirstTrainingOrJob: number | null
  /** Young people whose first proposal fell in the period (the median's population). */
  readonly firstProposals: number
  /** Young people whose first training or job entry fell in the period (the median's population). */
  readonly firstTrainingOrJobEntries: number
  /**
   * The funnel of the period's registrations, up to the last data: registered, then of them those
   * who received a proposal, and entered training or a job, and exited positively. Nested: each
   * step ≤ the one before.
   */
  readonly funnel: {
    readonly registered: number
    readonly proposal: number
    readonly entry: number
    readonly positiveExit: number
  }
  /** Individual interviews held in the period. */
  readonly interviews: number
  /** Registrations of the period, and how many of them had ≥ 5 individual interviews in their first 12 months. */
  readonly seenFiveTimes: { readonly cohort: number; readonly reached: number; readonly share: number | null }
  /** Appointments present (kept), absent (missed), of unknown attendance, and become overdue. */
  readonly followUps: {
    readonly kept: number
    readonly missed: number
    readonly unspecified: number
    readonly overdue: number
  }
  readonly transfers: { readonly in: number; readonly out: number }
}

/** Summed cells of a period, with the figures that do not add up supplied apart. */
export interface PeriodParts {
  readonly sum: DashboardCell
  readonly inContact: number
  readonly accompanied: number
  readonly programmeStock: Counts
}

const fill = <K extends string>(keys: ReadonlyArray<K>, counts: Counts): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, counts[k] ?? 0])) as Record<K, number>

/** The median of a histogram (value → how many), the mean of the two middle values when even. */
const medianOf = (histogram: Counts): number | null => {
  const values = Object.entries(histogram)
    .map(([v, n]) => [Number(v), n] as const)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a - b)
  const total = values.reduce((acc, [, n]) => acc + n, 0)
  if (total === 0) return null
  const at = (rank: number): number => {
    let seen = 0
    for (const [v, n] of values) {
      seen += n
      if (rank < seen) return v
    }
    return values[values.length - 1]?.[0] ?? 0
  }
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2
}

/** How many values a histogram holds. */
const countOf = (histogram: Counts): number => Object.values(histogram).reduce((acc, n) => acc + n, 0)

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b)

/** Sums cells (counters add up, histograms merge). */
export const sumCells = (cells: Iterable<DashboardCell>, zero: DashboardCell): DashboardCell => {
  let sum = zero
  for (const c of cells) sum = addDocs(sum, c)
  return sum
}

/** The figures of a period. */
export const figuresOf = ({ sum, inContact, accompanied, programmeStock }: PeriodParts): DashboardFigures => {
  const exitsByReason = fill(exitReasons, sum.exitsByReason)
  const exits = Object.values(exitsByReason).reduce((a, b) => a + b, 0)
  const positiveExits = positiveExitReasons.reduce((acc, r) => acc + exitsByReason[r], 0)
  return {
    firstReceptions: sum.firstReceptions,
    inContact,
    accompanied,
    programmeEntries: fill(programmes, sum.programmeEntries),
    programmeStock: fill(programmes, programmeStock),
    programmeExits: Object.fromEntries(
      programmes.map((p) => [p, fill(programmeExitReasons, sum.programmeExits[p] ?? {})]),
    ) as DashboardFigures['programmeExits'],
    proposalsByTheme: fill(themes, sum.proposalsByTheme),
    proposalsByOutcome: fill(proposalOutcomes, sum.proposalsByOutcome),
    proposalsFromPartners: {
      jobOffers: sum.proposalsFromPartners?.['job-offer'] ?? 0,
      trainingSessions: sum.proposalsFromPartners?.['training-session'] ?? 0,
    },
    trainingEntries: sum.trainingEntries,
    qualifyingTrainingEntries: sum.qualifyingTrainingEntries,
    employmentEntries: { durable: sum.durableEmploymentEntries, other: sum.otherEmploymentEntries },
    // Cells stored before immersions were counted lack the field: none happened then.
    immersionEntries: sum.immersionEntries ?? 0,
    exitsByReason,
    exits,
    positiveExits,
    positiveExitRate: ratio(positiveExits, exits),
    medianDaysToFirstProposal: medianOf(sum.daysToFirstProposal),
    medianDaysToFirstTrainingOrJob: medianOf(sum.daysToFirstEntry),
    firstProposals: countOf(sum.daysToFirstProposal),
    firstTrainingOrJobEntries: countOf(sum.daysToFirstEntry),
    funnel: {
      registered: sum.firstReceptions,
      proposal: sum.cohortFunnel?.['proposal'] ?? 0,
      entry: sum.cohortFunnel?.['entry'] ?? 0,
      positiveExit: sum.cohortFunnel?.['positive-exit'] ?? 0,
    },
    interviews: sum.interviews,
    seenFiveTimes: {
      cohort: sum.firstReceptions,
      reached: sum.cohortSeenFiveTimes,
      share: ratio(sum.cohortSeenFiveTimes, sum.firstReceptions),
    },
    followUps: {
      kept: sum.followUpsKept,
      missed: sum.followUpsMissed,
      unspecified: sum.followUpsUnspecified,
      overdue: sum.followUpsOverdue,
    },
    transfers: { in: sum.transfersIn, out: sum.transfersOut },
  }
}
