import type { AllowanceStatementRow } from '../../cej/queryCej.js'
import { centsCell, countCell, type FileSpec, idCell, monthCell, oneOfCell, plainCell } from './fileSpec.js'

// ---------------------------------------------------------------------------------------------
// the CEJ allowance statement for the payment agency (ASP): one row per young person with a CEJ
// day in the month, from the CEJ read model (`queryAllowanceStatement`, whose bases the manager's
// shell opened). It carries what a payment needs and no more: the amount due and why, never the
// full monthly amount, the table row or the basis it comes from.
// ---------------------------------------------------------------------------------------------

const statuses = ['due', 'allowance-not-set', 'basis-unreadable', 'no-amount-in-table']

/** The ASP statement's file. */
export const aspStatementSpec: FileSpec = {
  name: 'asp-cej-allowance-statement',
  version: 1,
  recipient: 'ASP (Agence de services et de paiement), which pays the CEJ allowances',
  row: 'one young person with at least one CEJ day in the month, in one mission locale',
  excludes:
    'no identity, no birth date, no household tax status or territory (the basis stays sealed), no monthly amount or table row: only the amount due',
  columns: [
    {
      name: 'youth_id',
      cell: idCell,
      description: "the young person's pseudonymous id at the mission locale",
    },
    {
      name: 'mission_locale',
      cell: idCell,
      description: 'the mission locale that pays through this statement',
    },
    { name: 'month', cell: monthCell, description: 'the month paid, YYYY-MM' },
    {
      name: 'contracts',
      cell: plainCell,
      description: 'the CEJ contracts of the month, `CEJ-<entry date>`, space-separated',
    },
    { name: 'days_eligible', cell: countCell, description: 'days of the month inside a CEJ contract' },
    { name: 'days_in_month', cell: countCell, description: 'days in the month' },
    {
      name: 'sanctions',
      cell: plainCell,
      description:
        'sanctions in effect in the month (allowance-reduced, allowance-suspended, contract-terminated), space-separated',
    },
    {
      name: 'amount_due_cents',
      cell: centsCell,
      description: 'the amount to pay, in integer cents; empty when it cannot be computed (see status)',
    },
    {
      name: 'status',
      cell: oneOfCell(statuses),
      description: `${statuses.join(', ')}: why a row has no amount`,
    },
  ],
}

/** The statement's rows as the file's cells. */
export const aspStatementRows = (
  rows: ReadonlyArray<AllowanceStatementRow>,
): ReadonlyArray<Readonly<Record<string, string>>> =>
  rows.map((r) => ({
    youth_id: r.youthId,
    mission_locale: r.missionLocaleId,
    month: r.month,
    contracts: r.contracts.map((c) => `CEJ-${c}`).join(' '),
    days_eligible: String(r.daysEligible),
    days_in_month: String(r.daysInMonth),
    sanctions: r.sanctions.join(' '),
    amount_due_cents: r.dueCents === null ? '' : String(r.dueCents),
    status: r.status,
  }))
