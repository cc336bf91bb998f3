import {
  addMonths,
  allowanceTable,
  cejWeeks,
  defaultCejHoursPolicy,
  type LocalDate,
  type OpenedBasis,
  type Sealed,
  type StatementRow,
  statementRowOf,
} from '@parcours/domain'
import type { CejYouth } from '@parcours/projections'
import { renderTable } from '../output/table.js'
import { euros } from './statementCsv.js'

// ---------------------------------------------------------------------------------------------
// a young person's CEJ as `show` prints it: each contract's weeks and hours, the breaches with
// their hearing and sanction, and — when the actor may open the allowance's basis — the amounts.
// ---------------------------------------------------------------------------------------------

const hours = (minutes: number): string =>
  `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`

/** The months from the one of `from` to the one of `to`, as 'YYYY-MM'. */
const monthsFrom = (from: LocalDate, to: LocalDate): ReadonlyArray<string> => {
  const months: string[] = []
  for (let m = `${from.slice(0, 8)}01` as LocalDate; m <= to; m = addMonths(m, 1)) months.push(m.slice(0, 7))
  return months
}

/** The allowance of each month from the first CEJ's entry to `asOf` (table of art. D5131-19). */
export const allowanceRows = (
  l: CejYouth['ledger'],
  asOf: LocalDate,
  open: (sealed: Sealed) => OpenedBasis,
): ReadonlyArray<StatementRow> =>
  monthsFrom(l.contracts[0]?.enteredOn ?? asOf, asOf).flatMap((month) => {
    const r = statementRowOf(l, month, open, allowanceTable)
    return r === null ? [] : [r]
  })

/** The CEJ section of `show`, as of `asOf`; `open` is null when the actor may not see amounts. */
export const cejSection = (
  y: CejYouth,
  asOf: LocalDate,
  open: ((sealed: Sealed) => OpenedBasis) | null,
): string => {
  const l = y.ledger
  if (l.contracts.length === 0) return ''
  const out: string[] = []
  const weeks = cejWeeks(l, asOf, defaultCejHoursPolicy)
  for (const c of l.contracts) {
    const ends = c.exitedOn === null ? 'open' : `ended ${c.exitedOn} (${c.exitReason ?? ''})`
    out.push(`CEJ from ${c.enteredOn}, ${ends}, mission locale ${c.missionLocaleId}, as of ${asOf}`)
    const own = weeks.filter((w) => w.contractEnteredOn === c.enteredOn)
    out.push(
      renderTable({
        title: '  Weeks (Monday to Sunday; 15 h a week at least)',
        columns: ['Week of', 'Validated', 'Declared', 'Under 15 h'],
        rows: own.map((w) => [
          w.monday,
          hours(w.validatedMinutes),
          hours(w.declaredMinutes),
          w.complete ? (w.underTarget ? 'yes' : 'no') : 'in progress',
        ]),
      }).trimEnd(),
    )
    for (const s of c.sanctions) {
      const b = l.breaches[s.breachId]
      out.push(
        `  Breach ${s.breachId}${b === undefined ? '' : ` (${b.kind}, ${b.recordedOn}; heard ${b.heardOn ?? '—'}: ${b.hearingOutcome ?? '—'})`}: sanction ${s.rank} ${s.sanction} decided ${s.decidedOn}, from ${s.effectiveOn}`,
      )
    }
  }
  const unsanctioned = Object.entries(l.breaches).filter(
    ([id]) => !l.contracts.some((c) => c.sanctions.some((s) => s.breachId === id)),
  )
  for (const [id, b] of unsanctioned)
    out.push(
      `  Breach ${id} (${b.kind}, ${b.recordedOn}): heard ${b.heardOn ?? 'not yet'}${b.hearingOutcome === null ? '' : `: ${b.hearingOutcome}`}, no sanction`,
    )
  if (open === null) {
    out.push('  Allowance: amounts withheld (the allowance statement is exported by the manager).')
    return `${out.join('\n')}\n`
  }
  const rows = allowanceRows(l, asOf, open).map((r) => [
    r.month,
    `${r.daysEligible}/${r.daysInMonth}`,
    r.baseCents === null ? '—' : euros(r.baseCents),
    r.sanctions.length === 0 ? '—' : r.sanctions.join(' '),
    r.dueCents === null ? r.status : euros(r.dueCents),
  ])
  out.push(
    renderTable({
      title: '  Allowance (€; table of art. D5131-19)',
      columns: ['Month', 'Days', 'Base', 'Sanctions', 'Due'],
      rows,
    }).trimEnd(),
  )
  return `${out.join('\n')}\n`
}
