import type { AllowanceStatementRow } from '@parcours/projections'

// ---------------------------------------------------------------------------------------------
// the monthly allowance statement as CSV: what a mission locale sends for payment. One row per
// young person (pseudonymous id) and month; amounts in integer cents, and in euros written from
// the cents (never through a float).
// ---------------------------------------------------------------------------------------------

/** The columns of the statement, in order (its first line names them). */
export const STATEMENT_CSV_HEADER = [
  'youth_id',
  'mission_locale',
  'month',
  'contracts',
  'days_eligible',
  'days_in_month',
  'table_row_from',
  'monthly_amount_cents',
  'base_amount_cents',
  'sanctions',
  'amount_due_cents',
  'amount_due_eur',
  'status',
]

/** Cents as euros with two decimals, by integer arithmetic: 56168 → "561.68". */
export const euros = (cents: number): string => {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

const cell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v)
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** The statement rows as CSV, header first. */
export const statementCsv = (rows: ReadonlyArray<AllowanceStatementRow>): string =>
  [
    STATEMENT_CSV_HEADER.join(','),
    ...rows.map((r) =>
      [
        r.youthId,
        r.missionLocaleId,
        r.month,
        r.contracts.map((c) => `CEJ-${c}`).join(' '),
        r.daysEligible,
        r.daysInMonth,
        r.tableRowFrom,
        r.monthlyCents,
        r.baseCents,
        r.sanctions.join(' '),
        r.dueCents,
        r.dueCents === null ? null : euros(r.dueCents),
        r.status,
      ]
        .map(cell)
        .join(','),
    ),
  ].join('\n') + '\n'
