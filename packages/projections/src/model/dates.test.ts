import { describe, expect, it } from 'vitest'
import { addDays, addMonths, daysBetween, isMonth, monthsBetween } from './dates.js'

describe('dates', () => {
  it('counts days across month, year and leap-day boundaries', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2)
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1)
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28')
  })

  it('adds months, clamping to the last day of the month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28')
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
    expect(addMonths('2025-11-15', 2)).toBe('2026-01-15')
  })

  it('lists the months of a range, and none for a malformed bound', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(monthsBetween('2025-03', '2025-01')).toEqual([])
    expect(monthsBetween('2025-01', 'zzz')).toEqual([])
    expect([isMonth('2025-12'), isMonth('2025-13'), isMonth('2025-1')]).toEqual([true, false, false])
  })
})
