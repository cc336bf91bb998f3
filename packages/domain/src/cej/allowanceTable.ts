import type { AllowanceTerritory } from '../model/cejVocabulary.js'
import type { LocalDate } from '../model/localDate.js'

// ---------------------------------------------------------------------------------------------
// model: the CEJ allowance's monthly amounts as a dated table (Code du travail art. D5131-19),
// revalued every 1 April by the coefficient of art. L161-25 of the Code de la sécurité sociale.
// Integer cents. Each row says where its figures come from and whether they were checked.
// ---------------------------------------------------------------------------------------------

/** The three rates of art. D5131-19: an adult of a non-taxable household, of a first-bracket one, a minor. */
export type AllowanceRate = 'adult-non-taxable' | 'adult-first-bracket' | 'minor'

/** Monthly amounts in cents, by rate. */
export type RateAmounts = { readonly [R in AllowanceRate]: number }

/** One row of the table: the amounts in force from `from` (until the next row). */
export interface AllowanceTableRow {
  readonly from: LocalDate
  readonly amounts: { readonly [T in AllowanceTerritory]?: RateAmounts }
  readonly source: string
  /** `statutory`: the amounts written in the article; `unverified`: published figures not checked against the Journal officiel. */
  readonly status: 'statutory' | 'unverified'
}

/**
 * The known rows, oldest first. Not in the table yet (add them with their sources): the
 * revaluations of 1 July 2022 and 1 April 2023, 2025 and 2026, and Mayotte's amounts after 2022.
 * Until a row is added, the latest row holding the territory applies, and the statement names
 * the row it used.
 */
export const allowanceTable: ReadonlyArray<AllowanceTableRow> = [
  {
    from: '2022-03-01' as LocalDate,
    amounts: {
      general: { 'adult-non-taxable': 50_000, 'adult-first-bracket': 30_000, minor: 20_000 },
      mayotte: { 'adult-non-taxable': 28_500, 'adult-first-bracket': 17_100, minor: 11_400 },
    },
    source: 'Code du travail art. D5131-19, as created with the CEJ (décret n° 2022-199 of 18 February 2022)',
    status: 'statutory',
  },
  {
    from: '2024-04-01' as LocalDate,
    amounts: {
      general: { 'adult-non-taxable': 56_168, 'adult-first-bracket': 33_700, minor: 22_468 },
    },
    source: 'the revaluation of 1 April 2024 (art. L161-25 CSS), amounts as published for the CEJ',
    status: 'unverified',
  },
]

/** The row in force on `on` for a territory: the latest row from on or before `on` holding it. */
export const allowanceRowOn = (
  table: ReadonlyArray<AllowanceTableRow>,
  territory: AllowanceTerritory,
  on: LocalDate,
): AllowanceTableRow | null => {
  let found: AllowanceTableRow | null = null
  for (const row of table) if (row.from <= on && row.amounts[territory] !== undefined) found = row
  return found
}
