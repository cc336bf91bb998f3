import { left, right, type Either } from 'fp-ts/lib/Either.js'
import { LocalDate } from '@parcours/domain'
import type { PersonalFields } from '../../vault/personalFields.js'

// ---------------------------------------------------------------------------------------------
// model: a row of a school dropout list, as the dropout platforms (PSAD) receive it from the SIEI.
// One header line names the columns (any order; `;` or `,` between fields); the partner's list and
// row ids make a row idempotent; everything else is personal and is only ever sealed.
// ---------------------------------------------------------------------------------------------

/** The columns of a dropout list, in the order the generator writes them; all must be in the header. */
export const DROPOUT_COLUMNS = [
  'id_liste',
  'id_ligne',
  'nom',
  'prenom',
  'date_naissance',
  'telephone',
  'email',
  'adresse',
  'code_postal',
  'commune',
  'uai',
  'derniere_classe',
  'date_sortie',
] as const

/** A column of a dropout list. */
export type DropoutColumn = (typeof DROPOUT_COLUMNS)[number]

/** A valid row: the partner's ids and postcode in clear (for routing), the rest to be sealed. */
export interface DropoutRow {
  readonly listId: string
  readonly rowId: string
  /** Routes the row to a mission locale; sealed with the rest, never recorded in clear. */
  readonly postcode: string
  /** What the vault seals with the case's key. */
  readonly identity: PersonalFields
}

/** A row refused: its line in the file and why (no value of the row is quoted). */
export interface DropoutRejection {
  readonly line: number
  readonly rowId: string | null
  readonly reason: string
}

// ---------------------------------------------------------------------------------------------
// validation
// ---------------------------------------------------------------------------------------------

const ID = /^[^\s]{1,100}$/
const POSTCODE = /^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$/
const UAI = /^\d{7}[A-Z]$/
const PHONE = /^\+?[\d .-]{9,20}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/

/** A date as `YYYY-MM-DD` or `JJ/MM/AAAA`, as ISO; undefined when not a calendar date. */
const isoDate = (value: string): LocalDate | undefined => {
  const m = FRENCH_DATE.exec(value)
  const iso = m === null ? value : `${m[3]}-${m[2]}-${m[1]}`
  return LocalDate.is(iso) ? iso : undefined
}

/** The header's missing columns (none: the header is usable). */
export const missingDropoutColumns = (header: ReadonlyArray<string>): ReadonlyArray<DropoutColumn> =>
  DROPOUT_COLUMNS.filter((c) => !header.includes(c))

/**
 * Validates one record of the file (its fields by column name) at line `line`: ids are tokens,
 * names present, dates calendar dates (left school after birth), the postcode French, the UAI
 * seven digits and a letter, a phone or email well-formed when given.
 */
export const validateDropoutRow = (
  fields: Readonly<Record<string, string | undefined>>,
  line: number,
): Either<DropoutRejection, DropoutRow> => {
  const v = (c: DropoutColumn): string => (fields[c] ?? '').trim()
  const rowId = ID.test(v('id_ligne')) ? v('id_ligne') : null
  const reasons: string[] = []
  if (!ID.test(v('id_liste'))) reasons.push('id_liste: expected an identifier without spaces')
  if (rowId === null) reasons.push('id_ligne: expected an identifier without spaces')
  for (const c of ['nom', 'prenom', 'commune', 'derniere_classe'] as const)
    if (v(c) === '' || v(c).length > 100) reasons.push(`${c}: expected 1 to 100 characters`)
  const birthDate = isoDate(v('date_naissance'))
  if (birthDate === undefined) reasons.push('date_naissance: expected a date AAAA-MM-JJ or JJ/MM/AAAA')
  const leftOn = isoDate(v('date_sortie'))
  if (leftOn === undefined) reasons.push('date_sortie: expected a date AAAA-MM-JJ or JJ/MM/AAAA')
  if (birthDate !== undefined && leftOn !== undefined && leftOn <= birthDate)
    reasons.push('date_sortie: before the birth date')
  if (!POSTCODE.test(v('code_postal'))) reasons.push('code_postal: expected a French postcode of 5 digits')
  if (!UAI.test(v('uai'))) reasons.push('uai: expected a UAI (7 digits and a letter)')
  if (v('telephone') !== '' && !PHONE.test(v('telephone'))) reasons.push('telephone: not a phone number')
  if (v('email') !== '' && !EMAIL.test(v('email'))) reasons.push('email: not an email address')
  if (reasons.length > 0 || birthDate === undefined || leftOn === undefined || rowId === null)
    return left({ line, rowId, reason: reasons.join('; ') })
  const optional = (name: 'phone' | 'email' | 'address', c: DropoutColumn) =>
    v(c) === '' ? {} : { [name]: v(c) }
  return right({
    listId: v('id_liste'),
    rowId,
    postcode: v('code_postal'),
    identity: {
      lastName: v('nom'),
      firstName: v('prenom'),
      birthDate,
      ...optional('phone', 'telephone'),
      ...optional('email', 'email'),
      ...optional('address', 'adresse'),
      postcode: v('code_postal'),
      commune: v('commune'),
      schoolUai: v('uai'),
      lastClass: v('derniere_classe'),
      leftSchoolOn: leftOn,
    },
  })
}
