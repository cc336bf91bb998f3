import {
  allowanceTable as defaultAllowanceTable,
  type AllowanceTableRow,
  type CejHoursPolicy,
  type CejWeekAlert,
  cejWeekAlerts,
  cejWeeks,
  defaultCejHoursPolicy,
  type LocalDate,
  type OpenedBasis,
  type Sealed,
  type StatementRow,
  statementRowOf,
} from '@parcours/domain'
import { docEntries } from '../model/docMap.js'
import type { CejReadModel } from './cejProjection.js'

// ---------------------------------------------------------------------------------------------
// The CEJ's read side: the share of CEJ weeks under 15 hours (DARES' measure) per mission locale
// and month, the counsellor's alerts for weeks under or heading under 15 hours, and the monthly
// allowance statement, whose amounts need each young person's basis opened by the shell.
// ---------------------------------------------------------------------------------------------

/** CEJ weeks of one mission locale in one month (weeks counted in their Thursday's month). */
export interface CejWeeksCell {
  readonly missionLocaleId: string
  readonly month: string
  /** Complete CEJ weeks (Monday to Sunday, wholly inside a contract, Sunday past). */
  readonly weeks: number
  readonly weeksUnderTarget: number
  /** weeksUnderTarget / weeks, null without weeks. */
  readonly shareUnderTarget: number | null
}

/** Which weeks to count: one mission locale or all, as of a date (weeks must be over by then). */
export interface CejWeeksQuery {
  readonly missionLocaleId?: string
  readonly asOf: string
}

/** The CEJ weeks indicator: one cell per mission locale and month, and the totals per mission locale. */
export interface CejWeeksIndicator {
  readonly asOf: string
  readonly cells: ReadonlyArray<CejWeeksCell>
  readonly totals: ReadonlyArray<CejWeeksCell & { readonly month: 'all' }>
}

const share = (under: number, weeks: number): number | null => (weeks === 0 ? null : under / weeks)

/** The share of complete CEJ weeks under the weekly target, per mission locale and month. */
export const queryCejWeeks = (
  rm: CejReadModel,
  q: CejWeeksQuery,
  policy: CejHoursPolicy = defaultCejHoursPolicy,
): CejWeeksIndicator => {
  const cells = new Map<string, { missionLocaleId: string; month: string; weeks: number; under: number }>()
  for (const [, y] of docEntries(rm))
    for (const w of cejWeeks(y.ledger, q.asOf as LocalDate, policy)) {
      if (!w.complete || (q.missionLocaleId !== undefined && w.missionLocaleId !== q.missionLocaleId))
        continue
      const key = `${w.missionLocaleId}\u0000${w.month}`
      const c = cells.get(key) ?? { missionLocaleId: w.missionLocaleId, month: w.month, weeks: 0, under: 0 }
      c.weeks += 1
      if (w.underTarget) c.under += 1
      cells.set(key, c)
    }
  const sorted = [...cells.values()].sort((a, b) =>
    a.missionLocaleId === b.missionLocaleId
      ? a.month.localeCompare(b.month)
      : a.missionLocaleId.localeCompare(b.missionLocaleId),
  )
  const totals = new Map<string, { weeks: number; under: number }>()
  for (const c of sorted) {
    const t = totals.get(c.missionLocaleId) ?? { weeks: 0, under: 0 }
    totals.set(c.missionLocaleId, { weeks: t.weeks + c.weeks, under: t.under + c.under })
  }
  return {
    asOf: q.asOf,
    cells: sorted.map((c) => ({
      missionLocaleId: c.missionLocaleId,
      month: c.month,
      weeks: c.weeks,
      weeksUnderTarget: c.under,
      shareUnderTarget: share(c.under, c.weeks),
    })),
    totals: [...totals].map(([missionLocaleId, t]) => ({
      missionLocaleId,
      month: 'all' as const,
      weeks: t.weeks,
      weeksUnderTarget: t.under,
      shareUnderTarget: share(t.under, t.weeks),
    })),
  }
}

/** A CEJ week alert of one young person. */
export type CejAlert = CejWeekAlert & { readonly youthId: string }

/** A counsellor's CEJ alerts on `asOf`: last week under 15 h, this week heading under it. */
export const queryCejAlerts = (
  rm: CejReadModel,
  q: { readonly missionLocaleId: string; readonly counsellorId: string; readonly asOf: string },
  policy: CejHoursPolicy = defaultCejHoursPolicy,
): ReadonlyArray<CejAlert> => {
  const alerts: CejAlert[] = []
  for (const [, y] of docEntries(rm)) {
    if (!y.open || y.missionLocaleId !== q.missionLocaleId || y.counsellorId !== q.counsellorId) continue
    for (const a of cejWeekAlerts(y.ledger, q.asOf as LocalDate, policy))
      alerts.push({ ...a, youthId: y.youthId })
  }
  return alerts.sort((a, b) =>
    a.monday === b.monday ? a.youthId.localeCompare(b.youthId) : a.monday.localeCompare(b.monday),
  )
}

/** Which statement: one mission locale, one month ('YYYY-MM'). */
export interface StatementQuery {
  readonly missionLocaleId: string
  readonly month: string
}

/** A sealed allowance basis the shell must open before the statement can be computed. */
export interface SealedBasis {
  readonly youthId: string
  readonly sealed: Sealed
}

const inStatement = (rm: CejReadModel, q: StatementQuery) =>
  [...docEntries(rm)]
    .map(([, y]) => y)
    .filter((y) => y.ledger.contracts.some((c) => c.missionLocaleId === q.missionLocaleId))
    .sort((a, b) => a.youthId.localeCompare(b.youthId))

/** The sealed bases the statement of `q` needs opened (each young person's, every setting). */
export const statementSealedBases = (rm: CejReadModel, q: StatementQuery): ReadonlyArray<SealedBasis> =>
  inStatement(rm, q).flatMap((y) =>
    y.ledger.contracts.flatMap((c) =>
      c.allowances.flatMap((a) =>
        a.personalData === null ? [] : [{ youthId: y.youthId, sealed: a.personalData }],
      ),
    ),
  )

/** One row of the statement: a young person (pseudonymous id) and a month. */
export type AllowanceStatementRow = StatementRow & {
  readonly youthId: string
  readonly missionLocaleId: string
}

/**
 * The monthly allowance statement of a mission locale: one row per young person with a CEJ day
 * in the month. `open` gives each sealed basis as the shell opened it.
 */
export const queryAllowanceStatement = (
  rm: CejReadModel,
  q: StatementQuery,
  open: (youthId: string, sealed: Sealed) => OpenedBasis,
  table: ReadonlyArray<AllowanceTableRow> = defaultAllowanceTable,
): ReadonlyArray<AllowanceStatementRow> =>
  inStatement(rm, q).flatMap((y) => {
    const ledger = {
      ...y.ledger,
      contracts: y.ledger.contracts.filter((c) => c.missionLocaleId === q.missionLocaleId),
    }
    const row = statementRowOf(ledger, q.month, (s) => open(y.youthId, s), table)
    return row === null ? [] : [{ ...row, youthId: y.youthId, missionLocaleId: q.missionLocaleId }]
  })
