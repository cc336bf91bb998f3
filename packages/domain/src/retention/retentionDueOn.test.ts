import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ageLimitInForceOn } from '../model/ageLimits.js'
import { addDays, addYears } from '../model/calendar.js'
import type { JourneyEvent } from '../model/events.js'
import type { CounsellorId, MissionLocaleId, YouthId } from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import { isPastRetention, isPersonalDataErased, retentionDueOn } from './retentionDueOn.js'

const d = (s: string) => s as LocalDate
const base = { youthId: 'y-1' as YouthId, missionLocaleId: 'ml-1' as MissionLocaleId }

const registered = (on: string, ageLimitOn: string, cejAgeLimitOn = ageLimitOn): JourneyEvent => ({
  ...base,
  type: 'YouthRegistered',
  on: d(on),
  counsellorId: 'c-1' as CounsellorId,
  ageBand: '18-21',
  sealedAgeLimits: null,
  // As read from a store not yet migrated: the limits in memory (see the opened ones below).
  legacyAgeLimits: { ageLimitOn: d(ageLimitOn), cejAgeLimitOn: d(cejAgeLimitOn) },
  personalData: null,
})
const cejEntered = (on: string): JourneyEvent => ({
  ...base,
  type: 'ProgrammeEntered',
  on: d(on),
  programme: 'CEJ',
  plannedEndOn: d(on),
})
const cejExited = (on: string): JourneyEvent => ({
  ...base,
  type: 'ProgrammeExited',
  on: d(on),
  programme: 'CEJ',
  reason: 'completed',
})
const paceaEntered = (on: string): JourneyEvent => ({
  ...base,
  type: 'ProgrammeEntered',
  on: d(on),
  programme: 'PACEA',
  plannedEndOn: d(on),
})
const paceaExited = (on: string): JourneyEvent => ({
  ...base,
  type: 'ProgrammeExited',
  on: d(on),
  programme: 'PACEA',
  reason: 'completed',
})
const closed = (on: string): JourneyEvent => ({
  ...base,
  type: 'JourneyClosed',
  on: d(on),
  reason: 'moved-away',
  comment: null,
})

describe('retentionDueOn', () => {
  it('takes the age limits opened by the shell when the registration holds them sealed', () => {
    const sealed = {
      ...registered('2025-01-10', '2030-05-01'),
      sealedAgeLimits: null,
      legacyAgeLimits: undefined,
    }
    const { legacyAgeLimits: _none, ...fromV3 } = sealed
    expect(retentionDueOn([fromV3])).toBeNull()
    const opened = { ageLimitOn: d('2031-05-01'), cejAgeLimitOn: d('2031-05-01') }
    expect(retentionDueOn([fromV3], undefined, opened)).toBe('2033-05-01')
  })

  it('is nothing before registration', () => {
    expect(retentionDueOn([])).toBeNull()
  })

  it('is the age limit + 2 years without a CEJ: the limit in force, the 1st after the birthday', () => {
    // An older store kept the 26th birthday itself (17 May): the limit is in force from 1 June.
    expect(retentionDueOn([registered('2020-03-01', '2026-05-17'), closed('2021-01-01')])).toBe('2028-06-01')
    expect(retentionDueOn([registered('2020-03-01', '2026-06-01'), closed('2021-01-01')])).toBe('2028-06-01')
  })

  it('ignores a PACEA', () => {
    const events = [
      registered('2020-03-01', '2026-05-17'),
      paceaEntered('2020-04-01'),
      paceaExited('2025-12-01'),
      closed('2025-12-01'),
    ]
    expect(retentionDueOn(events)).toBe('2028-06-01')
  })

  it('is the CEJ end + 10 years when that is later', () => {
    const events = [
      registered('2020-03-01', '2026-05-17'),
      cejEntered('2021-02-01'),
      cejExited('2022-01-15'),
      closed('2022-02-01'),
    ]
    expect(retentionDueOn(events)).toBe('2032-01-15')
  })

  it('keeps the age limit + 2 years when it is later than the CEJ end + 10 years', () => {
    const events = [
      registered('2020-03-01', '2026-05-17'),
      cejEntered('2021-02-01'),
      cejExited('2022-01-15'),
      closed('2022-02-01'),
    ]
    expect(retentionDueOn(events, { yearsAfterAgeLimit: 2, yearsAfterCejEnd: 3 })).toBe('2028-06-01')
  })

  it('takes the last CEJ when there were several', () => {
    const events = [
      registered('2018-03-01', '2022-05-17'),
      cejEntered('2019-01-01'),
      cejExited('2019-06-01'),
      cejEntered('2021-01-01'),
      cejExited('2021-09-30'),
      closed('2021-10-01'),
    ]
    expect(retentionDueOn(events)).toBe('2031-09-30')
  })

  it('waits while a CEJ is open, and counts from the closing when the journey closes it', () => {
    const open = [registered('2020-03-01', '2026-05-17'), cejEntered('2021-02-01')]
    expect(retentionDueOn(open)).toBeNull()
    expect(retentionDueOn([...open, closed('2021-08-10')])).toBe('2031-08-10')
  })

  it('counts from the 30th birthday while the journey of a young person with RQTH is open', () => {
    const events = [registered('2020-03-01', '2026-05-17', '2030-05-17')]
    expect(retentionDueOn(events)).toBe('2032-06-01')
    expect(retentionDueOn([...events, closed('2024-01-01')])).toBe('2028-06-01')
  })

  it('ends a period started on 29 February on 28 February of a common year', () => {
    expect(
      retentionDueOn([
        registered('2020-03-01', '2026-02-28'),
        cejEntered('2022-01-01'),
        cejExited('2024-02-29'),
      ]),
    ).toBe('2034-02-28')
  })
})

describe('isPastRetention', () => {
  const events = [registered('2020-03-01', '2026-05-17'), closed('2021-01-01')]

  it('is false the day before the retention date and true from it', () => {
    expect(isPastRetention(events, d('2028-05-31'))).toBe(false)
    expect(isPastRetention(events, d('2028-06-01'))).toBe(true)
    expect(isPastRetention(events, d('2040-01-01'))).toBe(true)
  })

  it('is never true while a CEJ is open', () => {
    expect(
      isPastRetention([registered('2020-03-01', '2026-05-17'), cejEntered('2021-02-01')], d('2090-01-01')),
    ).toBe(false)
  })
})

describe('isPersonalDataErased', () => {
  it('tells whether PersonalDataErased was recorded', () => {
    const events = [registered('2020-03-01', '2026-05-17')]
    expect(isPersonalDataErased(events)).toBe(false)
    expect(
      isPersonalDataErased([
        ...events,
        { ...base, type: 'PersonalDataErased', on: d('2029-01-01'), keyId: 'k' as never },
      ]),
    ).toBe(true)
  })
})

// A journey: registered, then CEJs as (start offset, duration) in days, each after the last, closed.
const dateArb = fc.integer({ min: 0, max: 20_000 }).map((n) => addDays(d('1990-01-01'), n))
const journeyArb = fc.record({
  registeredOn: dateArb,
  ageLimitInDays: fc.integer({ min: 1, max: 3_650 }),
  cejs: fc.array(fc.tuple(fc.integer({ min: 1, max: 900 }), fc.integer({ min: 1, max: 540 })), {
    maxLength: 3,
  }),
})

describe('retention properties', () => {
  it('is the later of the age limit + 2 years and the last CEJ end + 10 years, and past it stays past', () => {
    fc.assert(
      fc.property(
        journeyArb,
        fc.integer({ min: -400, max: 400 }),
        ({ registeredOn, ageLimitInDays, cejs }, shift) => {
          const ageLimitOn = addDays(registeredOn, ageLimitInDays)
          const events: JourneyEvent[] = [registered(registeredOn, ageLimitOn)]
          let cursor = registeredOn
          let lastEnd: LocalDate | null = null
          for (const [gap, length] of cejs) {
            const start = addDays(cursor, gap)
            lastEnd = addDays(start, length)
            events.push(cejEntered(start), cejExited(lastEnd))
            cursor = lastEnd
          }
          events.push(closed(addDays(cursor, 1)))
          const dueOn = retentionDueOn(events)
          const afterAgeLimit = addYears(ageLimitInForceOn(ageLimitOn), 2)
          expect(afterAgeLimit.endsWith('-01')).toBe(true)
          const afterCej = lastEnd === null ? afterAgeLimit : addYears(lastEnd, 10)
          expect(dueOn).toBe(afterAgeLimit > afterCej ? afterAgeLimit : afterCej)
          if (dueOn === null) return
          const at = addDays(dueOn, shift)
          expect(isPastRetention(events, at)).toBe(shift >= 0)
        },
      ),
      { numRuns: 200 },
    )
  })
})
