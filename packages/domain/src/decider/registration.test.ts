import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { addDays, birthday } from '../model/calendar.js'
import type { LocalDate } from '../model/localDate.js'
import { arbLocalDate } from '../testing/arbitraries.js'
import { fakeSealed, journeyFixture } from '../testing/fixtures.js'
import { given } from '../testing/givenWhenThen.js'
import { sealAgeLimitsForTest } from '../testing/openedAgeLimits.js'
import { decideJourney } from './journeyDecider.js'

const j = journeyFixture()
const register = (on: string, birthDate: string, rqth = false) =>
  j.command('RegisterYouth', on, { counsellorId: 'c-1', birthDate, rqth, personalData: null })

describe('registration and eligibility', () => {
  test('registration: a young person aged 16 to 25 is registered with derived facts and a first follow-up', () => {
    given([])
      .when(
        j.command('RegisterYouth', '2025-01-10', {
          counsellorId: 'c-1',
          birthDate: '2005-06-15',
          rqth: false,
          personalData: fakeSealed('key-y1'),
        }),
      )
      .then([
        j.event('YouthRegistered', '2025-01-10', {
          counsellorId: 'c-1',
          ageBand: '18-21',
          sealedAgeLimits: sealAgeLimitsForTest({ ageLimitOn: '2031-07-01', cejAgeLimitOn: '2031-07-01' }),
          personalData: fakeSealed('key-y1'),
        }),
        j.event('FollowUpScheduled', '2025-01-10', {
          followUpId: 'fu-1',
          dueOn: '2025-02-09',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
  })

  test('eligibility: from the 16th birthday, not the day before', () => {
    given([])
      .when(register('2025-06-14', '2009-06-15'))
      .thenError({ _tag: 'NotEligible', age: 15, minimumAge: 16, ageLimit: 26 })
    expect(decideJourney(register('2025-06-15', '2009-06-15'), { status: 'unregistered' })._tag).toBe('Right')
  })

  test('eligibility: up to the day before the 26th birthday', () => {
    expect(decideJourney(register('2025-06-14', '1999-06-15'), { status: 'unregistered' })._tag).toBe('Right')
    given([])
      .when(register('2025-06-15', '1999-06-15'))
      .thenError({ _tag: 'NotEligible', age: 26, ageLimit: 26, rqth: false })
  })

  test('eligibility: a 29 February birth reaches 16 on 1 March of a common year', () => {
    given([]).when(register('2024-02-28', '2008-02-29')).thenError({ _tag: 'NotEligible', age: 15 })
    expect(decideJourney(register('2024-02-29', '2008-02-29'), { status: 'unregistered' })._tag).toBe('Right')
    given([])
      .when(register('2025-02-28', '2009-02-28'))
      .then(j.history(register('2025-02-28', '2009-02-28')))
    given([]).when(register('2025-02-28', '2009-03-01')).thenError('NotEligible')
  })

  test('eligibility: a 29 February birth turns 26 on 1 March in a common year', () => {
    expect(decideJourney(register('2026-02-28', '2000-02-29'), { status: 'unregistered' })._tag).toBe('Right')
    given([]).when(register('2026-03-01', '2000-02-29')).thenError({ _tag: 'NotEligible', age: 26 })
  })

  test('eligibility: with RQTH, eligible until the day before the 30th birthday, for the CEJ only', () => {
    given([])
      .when(register('2025-06-14', '1995-06-15', true))
      .then([
        j.event('YouthRegistered', '2025-06-14', {
          counsellorId: 'c-1',
          ageBand: '22+',
          sealedAgeLimits: sealAgeLimitsForTest({ ageLimitOn: '2021-07-01', cejAgeLimitOn: '2025-07-01' }),
          personalData: null,
        }),
        j.event('FollowUpScheduled', '2025-06-14', {
          followUpId: 'fu-1',
          dueOn: '2025-07-14',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
    given([])
      .when(register('2025-06-15', '1995-06-15', true))
      .thenError({ _tag: 'NotEligible', age: 30, ageLimit: 30, rqth: true })
    given([])
      .when(register('2025-06-15', '1999-06-15', false))
      .thenError({ _tag: 'NotEligible', ageLimit: 26 })
  })

  test('nothing happens to a journey before it is registered', () => {
    given([])
      .when(
        j.command('OfferProposal', '2025-01-10', {
          proposalId: 'p-1',
          theme: 'training',
          respondBy: '2025-02-01',
        }),
      )
      .thenError({
        _tag: 'NotRegistered',
        command: 'OfferProposal',
      })
    given([])
      .when(j.command('ApplyTimeRules', '2025-01-10', {}))
      .thenError('NotRegistered')
  })

  test('a registered youth is not registered twice', () => {
    given(j.history(register('2025-01-10', '2005-06-15')))
      .when(register('2025-03-01', '2005-06-15'))
      .thenError({ _tag: 'AlreadyRegistered', registeredOn: '2025-01-10' })
  })

  test('tenant: a command from another mission locale than the journey’s is refused', () => {
    const other = journeyFixture('y-1', 'ml-2')
    given(j.history(register('2025-01-10', '2005-06-15')))
      .when(
        other.command('RecordRequest', '2025-01-11', { requestId: 'r-1', theme: 'housing', comment: null }),
      )
      .thenError({ _tag: 'WrongMissionLocale', missionLocaleId: 'ml-2' })
  })

  test('a command naming another young person is refused', () => {
    const other = journeyFixture('y-2', 'ml-1')
    given(j.history(register('2025-01-10', '2005-06-15')))
      .when(other.command('CompleteDiagnostic', '2025-01-11', { comment: null }))
      .thenError('WrongYouth')
  })

  test('a command dated before the registration is refused', () => {
    given(j.history(register('2025-01-10', '2005-06-15')))
      .when(j.command('CompleteDiagnostic', '2025-01-09', { comment: null }))
      .thenError({ _tag: 'DatedBeforeRegistration', on: '2025-01-09', registeredOn: '2025-01-10' })
  })

  test('property: eligibility around birthdays (16th, 26th, 30th with RQTH, 29 February included)', () => {
    const arbBirth = fc.oneof(
      arbLocalDate({ min: '1990-01-01' as LocalDate, max: '2012-12-31' as LocalDate }),
      fc.constantFrom(...['1992', '1996', '2000', '2004', '2008'].map((y) => `${y}-02-29` as LocalDate)),
    )
    fc.assert(
      fc.property(
        arbBirth,
        fc.boolean(),
        fc.integer({ min: -2, max: 1 }),
        fc.constantFrom(16, 26, 30),
        (birth, rqth, offset, age) => {
          const on = addDays(birthday(birth, age), offset)
          const accepted =
            decideJourney(register(on, birth, rqth), { status: 'unregistered' })._tag === 'Right'
          const limit = rqth ? 30 : 26
          const expected = age === 16 ? offset >= 0 : age === limit ? offset < 0 : age < limit
          expect(accepted).toBe(expected)
        },
      ),
      { numRuns: 300 },
    )
  })
})
