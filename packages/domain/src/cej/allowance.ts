import { addDays, addMonths, daysBetween } from '../model/calendar.js'
import type { AllowanceBasis } from '../model/cejVocabulary.js'
import type { LocalDate } from '../model/localDate.js'
import type { AllowanceRate, AllowanceTableRow } from './allowanceTable.js'
import { allowanceRowOn } from './allowanceTable.js'

// ---------------------------------------------------------------------------------------------
// The allowance due for one month: the rate in force on the month's first paid day, pro rata
// for a partial month, then the sanction that takes effect that month. Integer cents throughout,
// every division rounded down: what is paid never exceeds what is due.
// ---------------------------------------------------------------------------------------------

const firstOfMonth = (date: LocalDate): LocalDate => `${date.slice(0, 8)}01` as LocalDate

/** The rate of a basis on a date: a minor is paid as an adult from the 1st of the month after the 18th birthday (policy). */
export const rateOf = (basis: AllowanceBasis, on: LocalDate): AllowanceRate =>
  basis.adultOn !== null && on < addMonths(firstOfMonth(basis.adultOn), 1)
    ? 'minor'
    : basis.householdTaxStatus === 'non-taxable'
      ? 'adult-non-taxable'
      : 'adult-first-bracket'

/** The full monthly amount of a basis on a date, with the table row it comes from (null: no row yet). */
export const monthlyAmountOn = (
  table: ReadonlyArray<AllowanceTableRow>,
  basis: AllowanceBasis,
  on: LocalDate,
): { readonly cents: number; readonly row: AllowanceTableRow } | null => {
  const row = allowanceRowOn(table, basis.allowanceTerritory, on)
  const amounts = row?.amounts[basis.allowanceTerritory]
  return row === null || amounts === undefined ? null : { cents: amounts[rateOf(basis, on)], row }
}

/** The 1st of the month following `on`: when a sanction decided on `on`, or a review, takes effect. */
export const firstOfNextMonth = (on: LocalDate): LocalDate => addMonths(firstOfMonth(on), 1)

/** The days of a month, from its 1st. */
export const daysInMonthOf = (first: LocalDate): number => daysBetween(first, addMonths(first, 1))

/**
 * The pro rata of a monthly amount: `cents × daysEligible / daysInMonth`, rounded down to the
 * cent. A whole month is the whole amount.
 */
export const proRataCents = (cents: number, daysEligible: number, daysInMonth: number): number =>
  daysEligible >= daysInMonth ? cents : Math.floor((cents * daysEligible) / daysInMonth)

/** What a sanction leaves of a month's amount: −25% (the reduction rounded up), or nothing. */
export const afterSanction = (
  cents: number,
  sanction: 'allowance-reduced' | 'allowance-suspended' | null,
): number =>
  sanction === null ? cents : sanction === 'allowance-suspended' ? 0 : cents - Math.ceil(cents / 4)

/** The days of the month starting `first` within [from, until) (`until` excluded; null: still open). */
export const daysWithin = (first: LocalDate, from: LocalDate, until: LocalDate | null): number => {
  const next = addMonths(first, 1)
  const start = from > first ? from : first
  const end = until === null || until > next ? next : until
  return end <= start ? 0 : daysBetween(start, end)
}

/** The last day of the month starting `first`. */
export const lastOfMonth = (first: LocalDate): LocalDate => addDays(addMonths(first, 1), -1)
