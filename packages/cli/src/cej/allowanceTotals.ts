import { addMonths, type LocalDate, type OpenedBasis, type Sealed } from '@parcours/domain'
import { docEntries, queryAllowanceStatement, type CejReadModel } from '@parcours/projections'
import type { IndicatorTable } from '../report/reportModel.js'
import { euros } from './statementCsv.js'

// ---------------------------------------------------------------------------------------------
// the allowance due per mission locale over a period: the sum of the monthly statements (what the
// demo prints; the statement itself, row by row, is the manager's export)
// ---------------------------------------------------------------------------------------------

/** Totals of one mission locale's statements. */
export interface AllowanceTotal {
  readonly missionLocaleId: string
  readonly youthMonths: number
  readonly sanctioned: number
  readonly dueCents: number
  readonly withoutAmount: number
}

/** The statements of every mission locale, month by month from `from` to `to`, summed. */
export const allowanceTotals = (
  rm: CejReadModel,
  from: LocalDate,
  to: LocalDate,
  open: (youthId: string, sealed: Sealed) => OpenedBasis,
): ReadonlyArray<AllowanceTotal> => {
  const mls = new Set<string>()
  for (const [, y] of docEntries(rm)) for (const c of y.ledger.contracts) mls.add(c.missionLocaleId)
  return [...mls].sort().map((missionLocaleId) => {
    const t = { missionLocaleId, youthMonths: 0, sanctioned: 0, dueCents: 0, withoutAmount: 0 }
    for (let m = `${from.slice(0, 7)}-01` as LocalDate; m <= to; m = addMonths(m, 1))
      for (const r of queryAllowanceStatement(rm, { missionLocaleId, month: m.slice(0, 7) }, open)) {
        t.youthMonths += 1
        if (r.sanctions.length > 0) t.sanctioned += 1
        if (r.dueCents === null) t.withoutAmount += 1
        else t.dueCents += r.dueCents
      }
    return t
  })
}

/** The totals as a table. */
export const allowanceTotalsTable = (
  totals: ReadonlyArray<AllowanceTotal>,
  period: string,
): IndicatorTable => ({
  title: `CEJ allowance due, ${period} (sum of the monthly statements)`,
  columns: ['Mission locale', 'Young person-months', 'With a sanction', 'No amount', 'Due (€)'],
  rows: [
    ...totals.map((t) => [
      t.missionLocaleId,
      t.youthMonths,
      t.sanctioned,
      t.withoutAmount,
      euros(t.dueCents),
    ]),
    [
      'all',
      totals.reduce((n, t) => n + t.youthMonths, 0),
      totals.reduce((n, t) => n + t.sanctioned, 0),
      totals.reduce((n, t) => n + t.withoutAmount, 0),
      euros(totals.reduce((n, t) => n + t.dueCents, 0)),
    ],
  ],
})
