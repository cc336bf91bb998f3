import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { ageBandOf, ageLimitsInForce, ageLimitsOf } from '../model/ageLimits.js'
import { addMonths, birthday } from '../model/calendar.js'
import type { LocalDate } from '../model/localDate.js'
import { fakeSealed, journeyFixture } from '../testing/fixtures.js'
import { foldJourney } from './evolve.js'
import { journeyDecider } from './journeyDecider.js'

// The strict decider, with no test shell in front: the age limits come only with the command.
const j = journeyFixture()
const registered = j.history(
  j.command('RegisterYouth', '2025-01-10', {
    counsellorId: 'c-1',
    birthDate: '2005-06-15',
    rqth: false,
    personalData: null,
    sealedAgeLimits: fakeSealed('key-y1'),
  }),
)
const state = foldJourney(registered)
const limits = { ageLimitOn: '2031-06-15' as LocalDate, cejAgeLimitOn: '2031-06-15' as LocalDate }

describe('age limits as command input', () => {
  test('the registration holds the limits sealed and the age band, never a date from the birth date', () => {
    const event = registered[0]
    expect(event?.type === 'YouthRegistered' && event.ageBand).toBe('18-21')
    expect(JSON.stringify(registered)).not.toMatch(/2005-06-15|2021-06-15|2031-06-15|2035-06-15/)
    expect(state.status !== 'unregistered' && state.ageLimitOn).toBeNull()
  })

  test('a command without its opened age limits is refused, naming the command', () => {
    const offer = j.command('OfferProposal', '2025-02-01', {
      proposalId: 'p-1',
      theme: 'training',
      respondBy: '2025-02-20',
    })
    expect(journeyDecider.decide(offer, state)).toEqual({
      _tag: 'Left',
      left: { _tag: 'AgeLimitsUnknown', command: 'OfferProposal' },
    })
    expect(journeyDecider.decide({ ...offer, ageLimits: limits }, state)._tag).toBe('Right')
  })

  test('the opened limits drive the time rules: the journey ages out on the 1st of the month after the limit they give', () => {
    // An older store sealed the birthday itself: the rules take it to the 1st of the next month.
    const early = { ageLimitOn: '2025-01-20' as LocalDate, cejAgeLimitOn: '2025-01-20' as LocalDate }
    const before = j.command('ApplyTimeRules', '2025-01-31', {})
    const notYet = journeyDecider.decide({ ...before, ageLimits: early }, state)
    expect(notYet._tag === 'Right' && notYet.right.some((e) => e.type === 'JourneyClosed')).toBe(false)
    const tick = j.command('ApplyTimeRules', '2025-03-01', {})
    const decided = journeyDecider.decide({ ...tick, ageLimits: early }, state)
    expect(decided._tag === 'Right' && decided.right.at(-1)).toMatchObject({
      type: 'JourneyClosed',
      on: '2025-02-01',
      reason: 'age-limit',
    })
    const onTime = journeyDecider.decide({ ...tick, ageLimits: limits }, state)
    expect(onTime._tag === 'Right' && onTime.right.some((e) => e.type === 'JourneyClosed')).toBe(false)
  })

  test('an erasure needs no age limits: it goes through once the key can no longer open them', () => {
    const erase = j.command('ErasePersonalData', '2025-03-01', {})
    expect(journeyDecider.decide(erase, state)).toMatchObject({
      _tag: 'Right',
      right: [{ type: 'PersonalDataErased' }],
    })
  })

  test('age bands: 16-17, 18-21, and 22 and over together (a 26-29 band would reveal RQTH)', () => {
    expect([16, 17, 18, 21, 22, 25, 26, 29].map(ageBandOf)).toEqual([
      '16-17',
      '16-17',
      '18-21',
      '18-21',
      '22+',
      '22+',
      '22+',
      '22+',
    ])
  })

  test('ageLimitsOf: the 1st of the month after the 26th birthday, and after the 30th with RQTH', () => {
    const policy = journeyDecider.policy
    expect(ageLimitsOf('1997-07-21' as LocalDate, true, policy)).toEqual({
      ageLimitOn: '2023-08-01',
      cejAgeLimitOn: '2027-08-01',
    })
    expect(ageLimitsOf('1997-12-31' as LocalDate, false, policy)).toEqual({
      ageLimitOn: '2024-01-01',
      cejAgeLimitOn: '2024-01-01',
    })
    // Born on 29 February: the 26th birthday of a common year is 1 March, a 1st: the limit is that day.
    expect(ageLimitsOf('2008-02-29' as LocalDate, false, policy)).toEqual({
      ageLimitOn: '2034-03-01',
      cejAgeLimitOn: '2034-03-01',
    })
    // Born on a 1st: the birthday is the limit.
    expect(ageLimitsOf('2000-05-01' as LocalDate, false, policy).ageLimitOn).toBe('2026-05-01')
  })

  test('every limit falls on the 1st of a month, whatever the birth date: the day of birth cannot be read back', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2012-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.boolean(),
        (d, rqth) => {
          const birthDate = d.toISOString().slice(0, 10) as LocalDate
          const limits = ageLimitsOf(birthDate, rqth, journeyDecider.policy)
          const policy = journeyDecider.policy
          const [b26, b30] = [
            birthday(birthDate, policy.ageLimit),
            birthday(birthDate, policy.cejRqthAgeLimit),
          ]
          expect(limits.ageLimitOn.endsWith('-01')).toBe(true)
          expect(limits.cejAgeLimitOn.endsWith('-01')).toBe(true)
          // The first 1st of a month on or after the birthday: within the month that follows it.
          expect(limits.ageLimitOn >= b26 && limits.ageLimitOn <= addMonths(b26, 1)).toBe(true)
          const cej = rqth ? b30 : b26
          expect(limits.cejAgeLimitOn >= cej && limits.cejAgeLimitOn <= addMonths(cej, 1)).toBe(true)
          expect(ageLimitsInForce(limits)).toEqual(limits)
        },
      ),
    )
  })
})
