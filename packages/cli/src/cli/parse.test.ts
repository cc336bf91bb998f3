import { InvalidArgumentError } from '@commander-js/extra-typings'
import { describe, expect, it } from 'vitest'
import { LocalDate } from '@parcours/domain'
import { DATE_RANGE, parseDate, parseId, parseIntIn, parseMonth, parseOneOf, parseText } from './parse.js'

describe('option parsers', () => {
  it('accepts calendar dates and refuses impossible ones', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29')
    for (const bad of ['2025-02-29', '2025-13-01', '25-01-01', '2025-1-1', 'tomorrow'])
      expect(() => parseDate(bad)).toThrow(InvalidArgumentError)
  })
  it('accepts months YYYY-MM only', () => {
    expect(parseMonth('2025-12')).toBe('2025-12')
    for (const bad of ['2025-13', '2025-1', '2025-01-01']) expect(() => parseMonth(bad)).toThrow(/YYYY-MM/)
  })
  it('takes dates and months over the range the domain accepts, and says it', () => {
    expect([LocalDate.is(DATE_RANGE.first), LocalDate.is(DATE_RANGE.last)]).toEqual([true, true])
    expect([LocalDate.is('1899-12-31'), LocalDate.is('3000-01-01')]).toEqual([false, false])
    expect([parseDate('1900-01-01'), parseDate('2999-12-31')]).toEqual(['1900-01-01', '2999-12-31'])
    expect([parseMonth('1900-01'), parseMonth('2999-12')]).toEqual(['1900-01', '2999-12'])
    for (const bad of ['9999-12-31', '1899-12-31'])
      expect(() => parseDate(bad)).toThrow(
        'Expected a calendar date YYYY-MM-DD from 1900-01-01 to 2999-12-31',
      )
    for (const bad of ['0000-01', '1899-12', '3000-01', '2025-00'])
      expect(() => parseMonth(bad)).toThrow('Expected a month YYYY-MM from 1900-01 to 2999-12')
  })
  it('refuses control, bidirectional and zero-width characters in ids, showing them escaped', () => {
    const unsafe = [
      '\u0007',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u061c',
      '\u200b',
      '\u200c',
      '\u200d',
      '\u200e',
      '\u200f',
      '\u202a',
      '\u202e',
      '\u2060',
      '\u2066',
      '\u2069',
      '\ufeff',
    ]
    for (const c of unsafe) {
      const escaped = `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
      let message = ''
      try {
        parseId(`y-${c}1`)
      } catch (e) {
        message = (e as Error).message
      }
      expect(message).toContain(`found ${escaped} at position 3`)
      expect(message).not.toContain(c)
    }
    expect(parseId('y-é-1')).toBe('y-é-1')
  })
  it('refuses ids with spaces or empty', () => {
    expect(parseId('y-001')).toBe('y-001')
    expect(() => parseId('a b')).toThrow(/identifier/)
    expect(() => parseId('')).toThrow(/identifier/)
  })
  it('bounds whole numbers', () => {
    const p = parseIntIn(1, 10)
    expect(p('10')).toBe(10)
    for (const bad of ['0', '11', '1.5', 'x']) expect(() => p(bad)).toThrow(/from 1 to 10/)
  })
  it('lists the accepted values of an enum', () => {
    const p = parseOneOf(['PACEA', 'CEJ'] as const)
    expect(p('CEJ')).toBe('CEJ')
    expect(() => p('cej')).toThrow(/PACEA, CEJ/)
  })
  it('refuses blank text', () => {
    expect(() => parseText('  ')).toThrow(/non-empty/)
    expect(parseText('Ana')).toBe('Ana')
  })
})
