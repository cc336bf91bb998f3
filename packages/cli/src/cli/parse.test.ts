import { InvalidArgumentError } from '@commander-js/extra-typings'
import { describe, expect, it } from 'vitest'
import { parseDate, parseId, parseIntIn, parseMonth, parseOneOf, parseText } from './parse.js'

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
