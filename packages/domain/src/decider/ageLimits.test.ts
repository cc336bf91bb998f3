import { describe, expect, test } from 'vitest'
import { ageBandOf, ageLimitsOf } from '../model/ageLimits.js'
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

  test('the opened limits drive the time rules: the journey ages out on the limit they give', () => {
    const tick = j.command('ApplyTimeRules', '2025-02-01', {})
    const early = { ageLimitOn: '2025-01-20' as LocalDate, cejAgeLimitOn: '2025-01-20' as LocalDate }
    const decided = journeyDecider.decide({ ...tick, ageLimits: early }, state)
    expect(decided._tag === 'Right' && decided.right.at(-1)).toMatchObject({
      type: 'JourneyClosed',
      on: '2025-01-20',
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

  test('ageLimitsOf: the 26th birthday, and the 30th with RQTH', () => {
    const policy = journeyDecider.policy
    expect(ageLimitsOf('1997-07-21' as LocalDate, true, policy)).toEqual({
      ageLimitOn: '2023-07-21',
      cejAgeLimitOn: '2027-07-21',
    })
    expect(ageLimitsOf('2008-02-29' as LocalDate, false, policy)).toEqual({
      ageLimitOn: '2034-03-01',
      cejAgeLimitOn: '2034-03-01',
    })
  })
})
