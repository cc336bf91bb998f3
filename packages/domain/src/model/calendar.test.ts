import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { arbLocalDate } from '../testing/arbitraries.js'
import { addDays, addMonths, addYears, ageOn, birthday, daysBetween, monthOf } from './calendar.js'
import type { LocalDate } from './localDate.js'
import { LocalDate as LocalDateCodec } from './localDate.js'

const d = (s: string) => s as LocalDate

describe('calendar', () => {
  test('addDays crosses months, years and leap days', () => {
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29')
    expect(addDays(d('2023-02-28'), 1)).toBe('2023-03-01')
    expect(addDays(d('2024-12-31'), 1)).toBe('2025-01-01')
    expect(addDays(d('2025-01-01'), -1)).toBe('2024-12-31')
    expect(addDays(d('2000-03-01'), -1)).toBe('2000-02-29')
    expect(addDays(d('1900-03-01'), -1)).toBe('1900-02-28')
  })

  test('daysBetween counts calendar days', () => {
    expect(daysBetween(d('2024-01-01'), d('2025-01-01'))).toBe(366)
    expect(daysBetween(d('2025-01-01'), d('2026-01-01'))).toBe(365)
    expect(daysBetween(d('2025-03-10'), d('2025-03-01'))).toBe(-9)
  })

  test('addMonths clamps to the end of a shorter month', () => {
    expect(addMonths(d('2025-01-31'), 1)).toBe('2025-02-28')
    expect(addMonths(d('2024-01-31'), 1)).toBe('2024-02-29')
    expect(addMonths(d('2025-03-31'), -1)).toBe('2025-02-28')
    expect(addMonths(d('2025-11-15'), 3)).toBe('2026-02-15')
    expect(addMonths(d('2025-01-15'), -13)).toBe('2023-12-15')
    expect(addYears(d('2024-02-29'), 1)).toBe('2025-02-28')
  })

  test('monthOf gives the reporting month', () => {
    expect(monthOf(d('2025-07-14'))).toBe('2025-07')
  })

  test('age by calendar: it changes on the birthday, not a day before', () => {
    expect(ageOn(d('2009-06-15'), d('2025-06-14'))).toBe(15)
    expect(ageOn(d('2009-06-15'), d('2025-06-15'))).toBe(16)
    expect(ageOn(d('1999-12-31'), d('2025-12-30'))).toBe(25)
    expect(ageOn(d('1999-12-31'), d('2025-12-31'))).toBe(26)
  })

  test('a 29 February birthday falls on 1 March in common years (our rule)', () => {
    expect(birthday(d('2008-02-29'), 16)).toBe('2024-02-29')
    expect(birthday(d('2008-02-29'), 17)).toBe('2025-03-01')
    expect(ageOn(d('2008-02-29'), d('2025-02-28'))).toBe(16)
    expect(ageOn(d('2008-02-29'), d('2025-03-01'))).toBe(17)
    expect(ageOn(d('2000-02-29'), d('2026-02-28'))).toBe(25)
    expect(ageOn(d('2000-02-29'), d('2026-03-01'))).toBe(26)
  })

  test('property: addDays and daysBetween agree, and addDays yields valid dates', () => {
    fc.assert(
      fc.property(arbLocalDate(), fc.integer({ min: -3000, max: 3000 }), (date, n) => {
        const later = addDays(date, n)
        expect(LocalDateCodec.is(later)).toBe(true)
        expect(daysBetween(date, later)).toBe(n)
        expect(addDays(later, -n)).toBe(date)
        expect(later > date).toBe(n > 0)
      }),
      { numRuns: 300 },
    )
  })

  test('property: addDays and daysBetween match the calendar of Date in UTC, years 1 to 9999', () => {
    const iso = (ms: number) => {
      const x = new Date(ms)
      const two = (n: number) => String(n).padStart(2, '0')
      return `${String(x.getUTCFullYear()).padStart(4, '0')}-${two(x.getUTCMonth() + 1)}-${two(x.getUTCDate())}`
    }
    const msOf = (date: string) => {
      const x = new Date(0)
      x.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
      return x.getTime()
    }
    const first = msOf('0001-01-01')
    const span = (msOf('9999-12-31') - first) / 864e5
    fc.assert(
      fc.property(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span }), (a, b) => {
        const from = iso(first + a * 864e5) as LocalDate
        expect(addDays(from, b - a)).toBe(iso(first + b * 864e5))
        expect(daysBetween(from, d(iso(first + b * 864e5)))).toBe(b - a)
      }),
      { numRuns: 500 },
    )
  })

  test('property: addMonths stays in the target month on a valid day', () => {
    fc.assert(
      fc.property(arbLocalDate(), fc.integer({ min: -60, max: 60 }), (date, n) => {
        const later = addMonths(date, n)
        expect(LocalDateCodec.is(later)).toBe(true)
        const months = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7))
        expect(months(later) - months(date)).toBe(n)
        expect(Number(later.slice(8))).toBeLessThanOrEqual(Number(date.slice(8)))
      }),
      { numRuns: 300 },
    )
  })

  test('property: age increases by exactly 1 on each birthday and is constant between them', () => {
    fc.assert(
      fc.property(
        arbLocalDate({ min: d('1990-01-01'), max: d('2012-12-31') }),
        fc.integer({ min: 1, max: 35 }),
        (birth, years) => {
          const day = birthday(birth, years)
          expect(ageOn(birth, day)).toBe(years)
          expect(ageOn(birth, addDays(day, -1))).toBe(years - 1)
          expect(ageOn(birth, addDays(birthday(birth, years + 1), -1))).toBe(years)
        },
      ),
      { numRuns: 300 },
    )
  })
})
