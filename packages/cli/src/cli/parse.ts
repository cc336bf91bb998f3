import { InvalidArgumentError } from '@commander-js/extra-typings'
import { LocalDate } from '@parcours/domain'
import { isLocale, locales, type Locale } from '../i18n/index.js'
import { csvSeparators, type CsvFormat } from '../report/csv.js'
import { firstUnsafeCharacter } from './safeText.js'

// ---------------------------------------------------------------------------------------------
// parsers for option values: each says what it expects, and commander names the flag around it.
// ---------------------------------------------------------------------------------------------

const MONTH = /^\d{4}-\d{2}$/

/** The dates the domain accepts (`LocalDate`), and so every date and month option. */
export const DATE_RANGE = { first: '1900-01-01', last: '2999-12-31' } as const

/** The same range, as months. */
export const MONTH_RANGE = { first: DATE_RANGE.first.slice(0, 7), last: DATE_RANGE.last.slice(0, 7) } as const

/** A calendar date `YYYY-MM-DD` the domain accepts (1900-01-01 to 2999-12-31). */
export const parseDate = (value: string): LocalDate => {
  if (!LocalDate.is(value))
    throw new InvalidArgumentError(
      `Expected a calendar date YYYY-MM-DD from ${DATE_RANGE.first} to ${DATE_RANGE.last} (e.g. 2025-03-14).`,
    )
  return value
}

/** A month `YYYY-MM` of the same range (1900-01 to 2999-12). */
export const parseMonth = (value: string): string => {
  if (!MONTH.test(value) || !LocalDate.is(`${value}-01`))
    throw new InvalidArgumentError(
      `Expected a month YYYY-MM from ${MONTH_RANGE.first} to ${MONTH_RANGE.last} (e.g. 2025-03).`,
    )
  return value
}

/**
 * An identifier: 1–100 characters, none of them a space, a control, bidirectional or zero-width
 * character (pseudonymous, never a name). The message shows such a character escaped, never raw.
 */
export const parseId = (value: string): string => {
  const unsafe = firstUnsafeCharacter(value)
  if (unsafe !== undefined)
    throw new InvalidArgumentError(
      `Expected an identifier without control, bidirectional or zero-width characters (found ${unsafe.escaped} at position ${unsafe.index + 1}).`,
    )
  if (value.length === 0 || value.length > 100 || /\s/u.test(value))
    throw new InvalidArgumentError('Expected an identifier of 1 to 100 characters without spaces.')
  return value
}

/** A whole number within bounds. */
export const parseIntIn =
  (min: number, max: number) =>
  (value: string): number => {
    if (!/^-?\d+$/.test(value))
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`)
    const n = Number(value)
    if (n < min || n > max) throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`)
    return n
  }

/** One of a closed list of values. */
export const parseOneOf =
  <K extends string>(values: ReadonlyArray<K>) =>
  (value: string): K => {
    if (!(values as ReadonlyArray<string>).includes(value))
      throw new InvalidArgumentError(`Expected one of: ${values.join(', ')}.`)
    return value as K
  }

/** A non-empty piece of free text (a name, a comment). */
export const parseText = (value: string): string => {
  if (value.trim().length === 0) throw new InvalidArgumentError('Expected a non-empty text.')
  if (value.length > 2000) throw new InvalidArgumentError('Expected at most 2000 characters.')
  return value
}

/** A language of the message catalogue (`fr`, `en`). */
export const parseLocale = (value: string): Locale => {
  if (!isLocale(value)) throw new InvalidArgumentError(`Expected one of: ${locales.join(', ')}.`)
  return value
}

/** A CSV separator: `,`, `;` or `tab`. */
export const parseCsvSeparator = (value: string): CsvFormat['separator'] => {
  const sep = csvSeparators[value]
  if (sep === undefined) throw new InvalidArgumentError("Expected ',', ';' or 'tab'.")
  return sep
}
