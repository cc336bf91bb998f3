import type { YouthHeader } from '../model/streamGuard.js'

// ---------------------------------------------------------------------------------------------
// model: the documents of the steering dashboard's read model.
// ---------------------------------------------------------------------------------------------

/** Counts: a record of non-negative integers, missing keys meaning zero. */
export type Counts = { readonly [key: string]: number }

/** The counters of one mission locale in one month (the month of each event's business date `on`). */
export interface DashboardCell {
  readonly kind: 'cell'
  readonly missionLocaleId: string
  readonly month: string
  readonly firstReceptions: number
  readonly inContact: number
  readonly journeysOpened: number
  readonly journeysClosed: number
  readonly transfersIn: number
  readonly transfersOut: number
  readonly programmeEntries: Counts
  /** Programme exits by programme, then by reason. */
  readonly programmeExits: { readonly [programme: string]: Counts }
  /** Open programmes moved in and out with a transferred journey, by programme (for the stocks). */
  readonly programmeTransfersIn: Counts
  readonly programmeTransfersOut: Counts
  readonly proposalsByTheme: Counts
  readonly proposalsByOutcome: Counts
  /**
   * Proposals made from a partner's offer, by source: `job-offer` (a France Travail offer) and
   * `training-session` (a session of the LHEO training catalogue). Cells stored before it was
   * counted lack the field.
   */
  readonly proposalsFromPartners?: Counts
  readonly trainingEntries: number
  readonly qualifyingTrainingEntries: number
  readonly durableEmploymentEntries: number
  readonly otherEmploymentEntries: number
  /** Immersions (PMSMP) started (renewals not counted again). */
  readonly immersionEntries: number
  readonly exitsByReason: Counts
  /** Days from registration to first proposal → number of young people, in the month of that proposal. */
  readonly daysToFirstProposal: Counts
  /** Days from registration to first training or job entry → number of young people, in the month of that entry. */
  readonly daysToFirstEntry: Counts
  /** Young people registered this month here with ≥ 5 individual interviews in their 12 months after registration. */
  readonly cohortSeenFiveTimes: number
  /**
   * The registration cohort's funnel: of the young people registered this month here, how many
   * reached each step so far — `proposal` (received one), `entry` (and entered training or a
   * job), `positive-exit` (and exited positively). Each step is a subset of the one before.
   * Cells stored before it was counted lack the field.
   */
  readonly cohortFunnel?: Counts
  /** Individual interviews held (kept appointments of kind `individual-interview`). */
  readonly interviews: number
  readonly followUpsKept: number
  readonly followUpsMissed: number
  /** Appointments whose attendance was recorded as not known (*Non précisé*). */
  readonly followUpsUnspecified: number
  readonly followUpsOverdue: number
}

/** Open journeys of one counsellor. */
export interface CounsellorCaseload {
  readonly kind: 'counsellor'
  readonly missionLocaleId: string
  readonly counsellorId: string
  readonly openJourneys: number
}

/** What the dashboard remembers of one young person (pseudonymous id and dates, never identity). */
export interface DashboardYouth extends YouthHeader {
  readonly registeredOn: string
  readonly registeredMissionLocaleId: string
  readonly firstProposalCounted: boolean
  readonly firstEntryCounted: boolean
  /** Whether the journey was ever closed for a positive reason. */
  readonly positiveExitSeen: boolean
  /** How many of the funnel's steps after registration the young person has reached (0–3). */
  readonly funnelStage: number
  /** Individual interviews in the 12 months from registration, counted up to 5. */
  readonly interviewsInFirstYear: number
  /** Pending follow-ups that are individual interviews. */
  readonly plannedInterviews: ReadonlyArray<string>
  /** Follow-ups counted overdue (FollowUpDue) and still pending: when and where they were counted. */
  readonly becameDue: {
    readonly [followUpId: string]: { readonly on: string; readonly missionLocaleId: string }
  }
  /** The programme open now, if any. */
  readonly programme: string | null
  /** `missionLocaleId|YYYY-MM` of every month the young person was in contact. */
  readonly contactMonths: ReadonlyArray<string>
}

/** A document of the dashboard read model. */
export type DashboardDoc = DashboardCell | CounsellorCaseload | DashboardYouth

/** The funnel's steps after registration, in order: each counts young people of the step before. */
export const funnelSteps = ['proposal', 'entry', 'positive-exit'] as const

/** Document keys. */
export const cellKey = (missionLocaleId: string, month: string): string => `cell:${missionLocaleId}:${month}`
export const counsellorKey = (missionLocaleId: string, counsellorId: string): string =>
  `counsellor:${missionLocaleId}:${counsellorId}`
export const youthKey = (youthId: string): string => `youth:${youthId}`

/** A cell with every counter at zero. */
export const emptyCell = (missionLocaleId: string, month: string): DashboardCell => ({
  kind: 'cell',
  missionLocaleId,
  month,
  firstReceptions: 0,
  inContact: 0,
  journeysOpened: 0,
  journeysClosed: 0,
  transfersIn: 0,
  transfersOut: 0,
  programmeEntries: {},
  programmeExits: {},
  programmeTransfersIn: {},
  programmeTransfersOut: {},
  proposalsByTheme: {},
  proposalsByOutcome: {},
  trainingEntries: 0,
  qualifyingTrainingEntries: 0,
  durableEmploymentEntries: 0,
  otherEmploymentEntries: 0,
  immersionEntries: 0,
  exitsByReason: {},
  daysToFirstProposal: {},
  daysToFirstEntry: {},
  cohortSeenFiveTimes: 0,
  cohortFunnel: {},
  interviews: 0,
  followUpsKept: 0,
  followUpsMissed: 0,
  followUpsUnspecified: 0,
  followUpsOverdue: 0,
})

/** `counts` with `key` raised by `by`. */
export const bump = (counts: Counts, key: string, by = 1): Counts => ({
  ...counts,
  [key]: (counts[key] ?? 0) + by,
})

/** Raises `key` of counts the batch owns by `by`, in place. */
export const count = (counts: { [key: string]: number }, key: string, by = 1): void => {
  counts[key] = (counts[key] ?? 0) + by
}

/** Adds two documents of the same shape: numbers add up, records merge key by key, other values keep `a`'s. */
export const addDocs = <D>(a: D, b: D): D => {
  if (typeof a === 'number' && typeof b === 'number') return (a + b) as D
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null || Array.isArray(a)) return a
  const out: Record<string, unknown> = { ...(b as Record<string, unknown>) }
  for (const [k, v] of Object.entries(a as Record<string, unknown>))
    out[k] = k in out ? addDocs(v, out[k]) : v
  return out as D
}
