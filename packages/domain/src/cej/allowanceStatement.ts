import type { AllowanceBasis } from '../model/cejVocabulary.js'
import type { LocalDate } from '../model/localDate.js'
import type { Sealed } from '../model/sealed.js'
import {
  afterSanction,
  daysInMonthOf,
  daysWithin,
  firstOfNextMonth,
  monthlyAmountOn,
  proRataCents,
} from './allowance.js'
import type { AllowanceTableRow } from './allowanceTable.js'
import type { CejContract, CejLedger } from './cejLedger.js'

// ---------------------------------------------------------------------------------------------
// The monthly allowance statement of one young person: days eligible, base amount (pro rata),
// the sanctions that take effect that month, the amount due. Integer cents. It needs the basis
// opened: only the payment export computes it, on behalf of an actor allowed to see amounts.
// ---------------------------------------------------------------------------------------------

/** What opening a sealed basis gave: the basis, or why there is none. */
export type OpenedBasis = AllowanceBasis | 'unreadable'

/** Why a row carries no amount. */
export type StatementStatus = 'due' | 'allowance-not-set' | 'basis-unreadable' | 'no-amount-in-table'

/** One row of the statement: one young person, one month. */
export interface StatementRow {
  readonly month: string
  /** The CEJ contract(s) of the month, by entry date. */
  readonly contracts: ReadonlyArray<LocalDate>
  readonly daysEligible: number
  readonly daysInMonth: number
  /** The full monthly amount before pro rata, and the table row it comes from. */
  readonly monthlyCents: number | null
  readonly tableRowFrom: LocalDate | null
  /** The monthly amount pro rata of the days eligible. */
  readonly baseCents: number | null
  readonly sanctions: ReadonlyArray<'allowance-reduced' | 'allowance-suspended' | 'contract-terminated'>
  readonly dueCents: number | null
  readonly status: StatementStatus
}

/** The setting in force on `on`: the first from the contract's entry, a review from the 1st of the month after it. */
const settingOn = (c: CejContract, on: LocalDate): Sealed | null | undefined => {
  let found: Sealed | null | undefined
  c.allowances.forEach((s, i) => {
    if (i === 0 || firstOfNextMonth(s.on) <= on) found = s.personalData
  })
  return found
}

const contractRow = (
  c: CejContract,
  first: LocalDate,
  open: (sealed: Sealed) => OpenedBasis,
  table: ReadonlyArray<AllowanceTableRow>,
): Omit<StatementRow, 'month' | 'contracts' | 'daysInMonth'> => {
  const daysEligible = daysWithin(first, c.enteredOn, c.exitedOn)
  const effective = c.sanctions.filter((s) => s.effectiveOn === first).map((s) => s.sanction)
  const none = {
    daysEligible,
    monthlyCents: null,
    tableRowFrom: null,
    baseCents: null,
    sanctions: effective,
    dueCents: null,
  }
  const paidFrom = c.enteredOn > first ? c.enteredOn : first
  const sealed = settingOn(c, paidFrom)
  if (sealed === undefined) return { ...none, status: 'allowance-not-set' }
  const basis = sealed === null ? 'unreadable' : open(sealed)
  if (basis === 'unreadable') return { ...none, status: 'basis-unreadable' }
  const amount = monthlyAmountOn(table, basis, paidFrom)
  if (amount === null) return { ...none, status: 'no-amount-in-table' }
  const baseCents = proRataCents(amount.cents, daysEligible, daysInMonthOf(first))
  const sanction = effective.includes('allowance-suspended')
    ? 'allowance-suspended'
    : effective.includes('allowance-reduced')
      ? 'allowance-reduced'
      : null
  return {
    daysEligible,
    monthlyCents: amount.cents,
    tableRowFrom: amount.row.from,
    baseCents,
    sanctions: effective,
    dueCents: afterSanction(baseCents, sanction),
    status: 'due',
  }
}

/**
 * The statement row of `month` ('YYYY-MM') for a ledger, or null when no CEJ covers a day of it.
 * Two contracts in one month add up; a row without an amount says why (`status`).
 */
export const statementRowOf = (
  l: CejLedger,
  month: string,
  open: (sealed: Sealed) => OpenedBasis,
  table: ReadonlyArray<AllowanceTableRow>,
): StatementRow | null => {
  const first = `${month}-01` as LocalDate
  const inMonth = l.contracts.filter((c) => daysWithin(first, c.enteredOn, c.exitedOn) > 0)
  if (inMonth.length === 0) return null
  const rows = inMonth.map((c) => contractRow(c, first, open, table))
  const worst = rows.find((r) => r.status !== 'due')
  const sum = (f: (r: (typeof rows)[number]) => number | null): number | null =>
    worst !== undefined ? null : rows.reduce((n, r) => n + (f(r) ?? 0), 0)
  return {
    month,
    contracts: inMonth.map((c) => c.enteredOn),
    daysEligible: rows.reduce((n, r) => n + r.daysEligible, 0),
    daysInMonth: daysInMonthOf(first),
    monthlyCents: worst !== undefined ? null : (rows[0]?.monthlyCents ?? null),
    tableRowFrom: worst !== undefined ? null : (rows[0]?.tableRowFrom ?? null),
    baseCents: sum((r) => r.baseCents),
    sanctions: rows.flatMap((r) => r.sanctions),
    dueCents: sum((r) => r.dueCents),
    status: worst?.status ?? 'due',
  }
}
