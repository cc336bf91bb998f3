import { missionLocaleOf, type Actor, type MissionLocaleId } from '@parcours/domain'
import {
  cejProjection,
  dashboardProjection,
  queryCejWeeks,
  queryDashboard,
  type CejWeeksIndicator,
  type DashboardQuery,
  type DashboardReadModel,
} from '@parcours/projections'
import { usageError } from '../../cli/errors.js'
import { dashboardCsv, excelFrCsv, plainCsv } from '../../report/csv.js'
import { previousDashboard } from '../../report/previousDashboard.js'
import type { ReportInput } from '../../report/reportFromDashboard.js'
import { reportSourceOf } from '../../report/reportSource.js'
import type { Targets } from '../../report/targets.js'
import { authorize } from '../../store/access.js'
import { readModelOf } from '../../store/readModels.js'
import { describeUnreadable, unreadableJourneys } from '../../store/unreadableJourneys.js'
import type { PageHandles } from './worklistModel.js'

// ---------------------------------------------------------------------------------------------
// model: the steering dashboard of a scope (national, or one mission locale) and a period (or
// one month, drilled down), with the previous period, the targets and the CEJ weeks — what the
// static report is made of, so the page and the report draw the same charts
// ---------------------------------------------------------------------------------------------

/** What the dashboard page is asked for (the page's query string). */
export interface DashboardRequest {
  /** One mission locale; absent: the reader's own (a manager's), or national (a statistician's). */
  readonly missionLocale?: string
  readonly from?: string
  readonly to?: string
  /** One month (drill-down): from and to that month. */
  readonly month?: string
  /** The last day the figures count (a month ending after it is partial). */
  readonly asOf: string
  /** When the page is made (ISO 8601). */
  readonly generatedAt: string
  /** The targets of the scope (the manager's). */
  readonly targets: Targets
}

/** The dashboard page's model (language-neutral: the page translates). */
export interface DashboardModel {
  readonly input: ReportInput
  readonly cejWeeks: CejWeeksIndicator
  /** The scope shown: a mission locale, or null for national. */
  readonly missionLocaleId: string | null
  readonly month: string | null
  /** The reader may look at another scope (a statistician): the mission locales to choose from. */
  readonly scopes: ReadonlyArray<string> | null
  /** The reader sets this scope's targets (its manager). */
  readonly mayEditTargets: boolean
  /** The query that selects what is shown, for the export and drill-down links. */
  readonly query: Readonly<Record<string, string>>
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

const checkMonth = (name: string, v: string | undefined): string | undefined => {
  if (v === undefined || v === '') return undefined
  if (!MONTH.test(v)) throw usageError(`${name}: "${v}" is not a month (YYYY-MM).`)
  return v
}

/** The selection a request makes, checked; the access policy asked for its scope. */
const selection = (h: PageHandles, actor: Actor, r: DashboardRequest) => {
  const month = checkMonth('month', r.month)
  const from = month ?? checkMonth('from', r.from)
  const to = month ?? checkMonth('to', r.to)
  if (from !== undefined && to !== undefined && from > to) throw usageError(`from ${from} is after to ${to}.`)
  const asked = r.missionLocale === undefined || r.missionLocale === '' ? undefined : r.missionLocale
  const missionLocaleId = asked ?? missionLocaleOf(actor) ?? null
  authorize(
    { actor, policy: h.policy },
    { kind: 'read-dashboard', missionLocaleId: missionLocaleId as MissionLocaleId | null },
  )
  const scope: DashboardQuery = missionLocaleId === null ? {} : { missionLocaleId }
  const query: Record<string, string> = {
    ...(missionLocaleId === null ? {} : { missionLocale: missionLocaleId }),
    ...(month !== undefined ? { month } : {}),
    ...(month === undefined && from !== undefined ? { from } : {}),
    ...(month === undefined && to !== undefined ? { to } : {}),
  }
  return { month: month ?? null, from, to, missionLocaleId, scope, query }
}

const dashboardOf = (rm: DashboardReadModel, s: ReturnType<typeof selection>) =>
  queryDashboard(rm, {
    ...s.scope,
    ...(s.from === undefined ? {} : { from: s.from }),
    ...(s.to === undefined ? {} : { to: s.to }),
  })

/** The dashboard for `actor` (the access policy decides the scope; a bad month: usage error). */
export const buildDashboardModel = async (
  h: PageHandles,
  actor: Actor,
  r: DashboardRequest,
): Promise<DashboardModel> => {
  const s = selection(h, actor, r)
  const rm = await readModelOf(h.sink, dashboardProjection)
  const dashboard = dashboardOf(rm, s)
  const cejWeeks = queryCejWeeks(await readModelOf(h.sink, cejProjection), {
    asOf: r.asOf,
    ...(s.missionLocaleId === null ? {} : { missionLocaleId: s.missionLocaleId }),
  })
  const notes = describeUnreadable(await unreadableJourneys(h.sink, s.missionLocaleId))
  return {
    input: {
      dashboard,
      previous: previousDashboard(rm, s.scope, dashboard),
      targets: r.targets,
      source: reportSourceOf(h.env.spec),
      asOf: r.asOf,
      generatedAt: r.generatedAt,
      notes,
    },
    cejWeeks,
    missionLocaleId: s.missionLocaleId,
    month: s.month,
    scopes:
      missionLocaleOf(actor) === undefined
        ? queryDashboard(rm).missionLocales.map((m) => m.missionLocaleId)
        : null,
    mayEditTargets: actor.kind === 'manager' && s.missionLocaleId === actor.missionLocaleId,
    query: s.query,
  }
}

/**
 * The dashboard as CSV for the same request: `excel` for a French spreadsheet (`;`, a UTF-8
 * byte order mark, decimal comma), else comma-separated. Counts and pseudonymous ids only.
 */
export const buildDashboardCsv = async (
  h: PageHandles,
  actor: Actor,
  r: Omit<DashboardRequest, 'targets' | 'generatedAt' | 'asOf'>,
  excel: boolean,
): Promise<string> => {
  const s = selection(h, actor, { ...r, targets: {}, generatedAt: '', asOf: '' })
  const rm = await readModelOf(h.sink, dashboardProjection)
  const dashboard = dashboardOf(rm, s)
  return dashboardCsv(dashboard, excel ? excelFrCsv : plainCsv)
}
