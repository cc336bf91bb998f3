import { monthsBetween } from '../model/dates.js'
import { docEntries } from '../model/docMap.js'
import { contactCounts } from './contactCounts.js'
import type { DashboardReadModel } from './dashboardProjection.js'
import {
  addDocs,
  type CounsellorCaseload,
  type Counts,
  type DashboardCell,
  type DashboardYouth,
  emptyCell,
} from './documents.js'
import { type DashboardFigures, figuresOf, sumCells } from './figures.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Which dashboard to read: one mission locale or all of them (national), over a range of months. */
export interface DashboardQuery {
  readonly missionLocaleId?: string
  /** First month, 'YYYY-MM' (default: the first month with data). */
  readonly from?: string
  /** Last month, 'YYYY-MM' (default: the last month with data). */
  readonly to?: string
}

/** The figures of one month. */
export type DashboardMonth = { readonly month: string } & DashboardFigures

/** Open journeys of one counsellor. */
export interface CaseloadRow {
  readonly counsellorId: string
  readonly openJourneys: number
}

/** One mission locale's months, totals over the range, and caseload per counsellor (now). */
export interface MissionLocaleDashboard {
  readonly missionLocaleId: string
  readonly months: ReadonlyArray<DashboardMonth>
  readonly totals: DashboardFigures
  readonly caseload: ReadonlyArray<CaseloadRow>
}

/** The steering dashboard: plain JSON. `months` and `totals` cover every selected mission locale. */
export interface Dashboard {
  readonly missionLocaleId: string | null
  readonly from: string | null
  readonly to: string | null
  readonly months: ReadonlyArray<DashboardMonth>
  readonly totals: DashboardFigures
  readonly missionLocales: ReadonlyArray<MissionLocaleDashboard>
}

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

const netOpenings = (c: DashboardCell): number =>
  c.journeysOpened + c.transfersIn - c.journeysClosed - c.transfersOut

/** Open journeys at the end of `month`: every opening minus every closing up to it. */
const accompaniedAt = (cells: ReadonlyArray<DashboardCell>, month: string): number =>
  cells.reduce((acc, c) => (c.month <= month ? acc + netOpenings(c) : acc), 0)

const subtract = (a: Counts, b: Counts): Counts => {
  const out: Record<string, number> = { ...a }
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) - n
  return out
}

/** Programme entries and transfers in, less exits and transfers out, by programme. */
const programmeMoves = (c: DashboardCell): Counts => {
  const exits: Record<string, number> = {}
  for (const [programme, byReason] of Object.entries(c.programmeExits))
    exits[programme] = Object.values(byReason).reduce((a, b) => a + b, 0)
  return subtract(
    addDocs(c.programmeEntries, c.programmeTransfersIn),
    addDocs(exits, c.programmeTransfersOut),
  )
}

/** Young people in each programme at the end of `month`. */
const programmeStockAt = (cells: ReadonlyArray<DashboardCell>, month: string): Counts =>
  cells.reduce<Counts>((acc, c) => (c.month <= month ? addDocs(acc, programmeMoves(c)) : acc), {})

const figuresFor = (
  cells: ReadonlyArray<DashboardCell>,
  months: ReadonlyArray<string>,
  inContact: number,
): DashboardFigures => {
  const inRange = new Set(months)
  const last = months[months.length - 1] ?? ''
  return figuresOf({
    sum: sumCells(
      cells.filter((c) => inRange.has(c.month)),
      emptyCell('', ''),
    ),
    inContact,
    accompanied: months.length === 0 ? 0 : accompaniedAt(cells, last),
    programmeStock: months.length === 0 ? {} : programmeStockAt(cells, last),
  })
}

const monthsOf = (
  cells: ReadonlyArray<DashboardCell>,
  months: ReadonlyArray<string>,
  inContact: (month: string) => number,
): ReadonlyArray<DashboardMonth> =>
  months.map((month) => ({ month, ...figuresFor(cells, [month], inContact(month)) }))

// ---------------------------------------------------------------------------------------------
// the query
// ---------------------------------------------------------------------------------------------

/**
 * The dashboard of one mission locale, or national when `missionLocaleId` is absent.
 *
 * @example
 * import { dashboardProjection, loadReadModel, queryDashboard, type ProjectionSink } from '@parcours/projections'
 *
 * declare const sink: ProjectionSink // the sink a runner wrote to
 * const rm = await loadReadModel(sink, dashboardProjection)()
 * if (rm._tag === 'Right') {
 *   const rouen = queryDashboard(rm.right, { missionLocaleId: 'ml-rouen', from: '2025-01', to: '2025-12' })
 *   const national = queryDashboard(rm.right) // every mission locale, every month with data
 *   console.log(rouen.totals, national.months.length)
 * }
 */
export const queryDashboard = (rm: DashboardReadModel, query: DashboardQuery = {}): Dashboard => {
  const cells: DashboardCell[] = []
  const youths: DashboardYouth[] = []
  const counsellors: CounsellorCaseload[] = []
  const selected = (ml: string): boolean =>
    query.missionLocaleId === undefined || ml === query.missionLocaleId
  for (const [, doc] of docEntries(rm)) {
    if (doc.kind === 'cell' && selected(doc.missionLocaleId)) cells.push(doc)
    else if (doc.kind === 'youth') youths.push(doc)
    else if (doc.kind === 'counsellor' && selected(doc.missionLocaleId)) counsellors.push(doc)
  }
  const dataMonths = cells.map((c) => c.month).sort()
  const from = query.from ?? dataMonths[0] ?? null
  const to = query.to ?? dataMonths[dataMonths.length - 1] ?? null
  const months = from === null || to === null ? [] : monthsBetween(from, to)
  const missionLocaleIds = [...new Set([...cells, ...counsellors].map((d) => d.missionLocaleId))].sort()
  const contacts = contactCounts(youths, selected, new Set(months))
  const missionLocales = missionLocaleIds.map((missionLocaleId): MissionLocaleDashboard => {
    const own = cells.filter((c) => c.missionLocaleId === missionLocaleId)
    return {
      missionLocaleId,
      months: monthsOf(own, months, (month) => contacts.perCell.get(`${missionLocaleId}|${month}`) ?? 0),
      totals: figuresFor(own, months, contacts.perMissionLocale.get(missionLocaleId) ?? 0),
      caseload: counsellors
        .filter((c) => c.missionLocaleId === missionLocaleId && c.openJourneys !== 0)
        .map((c) => ({ counsellorId: c.counsellorId, openJourneys: c.openJourneys }))
        .sort((a, b) => (a.counsellorId < b.counsellorId ? -1 : a.counsellorId > b.counsellorId ? 1 : 0)),
    }
  })
  return {
    missionLocaleId: query.missionLocaleId ?? null,
    from,
    to,
    months: monthsOf(cells, months, (month) => contacts.perMonth.get(month) ?? 0),
    totals: figuresFor(cells, months, contacts.total),
    missionLocales,
  }
}
