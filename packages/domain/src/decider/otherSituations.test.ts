import { describe, expect, test } from 'vitest'
import { journeyFixture } from '../testing/fixtures.js'
import { given, givenDecider } from '../testing/givenWhenThen.js'
import { openingForTest } from '../testing/openedAgeLimits.js'
import { foldJourney } from './evolve.js'
import { createJourneyDecider } from './journeyDecider.js'

const j = journeyFixture()
const registered = j.command('RegisterYouth', '2025-01-10', {
  counsellorId: 'c-1',
  birthDate: '2005-06-15',
  rqth: false,
  personalData: null,
})
const start = (
  on: string,
  kind: 'immersion' | 'volunteering' | 'schooling',
  plannedEndOn: string,
  situationId = 's-1',
) => j.command('StartSituation', on, { situationId, kind, plannedEndOn })
const renew = (on: string, plannedEndOn: string, situationId = 's-1') =>
  j.command('RenewImmersion', on, { situationId, plannedEndOn })
const end = (on: string, situationId = 's-1') => j.command('EndSituation', on, { situationId })

describe('other situations: immersion, volunteering, schooling', () => {
  test('a volunteering and a schooling start and end', () => {
    given(j.history(registered))
      .when(start('2025-02-01', 'volunteering', '2025-10-01'))
      .thenEndsWith([
        j.event('SituationStarted', '2025-02-01', {
          situationId: 's-1',
          kind: 'volunteering',
          plannedEndOn: '2025-10-01',
        }),
      ])
    given(j.history(registered, start('2025-02-01', 'schooling', '2025-07-04')))
      .when(end('2025-07-04'))
      .thenEndsWith([j.event('SituationEnded', '2025-07-04', { situationId: 's-1', kind: 'schooling' })])
  })

  test('an immersion lasts 1 month at most (calendar months, clamped)', () => {
    given(j.history(registered))
      .when(start('2025-02-03', 'immersion', '2025-03-03'))
      .thenEndsWith([
        j.event('SituationStarted', '2025-02-03', {
          situationId: 's-1',
          kind: 'immersion',
          plannedEndOn: '2025-03-03',
        }),
      ])
    given(j.history(registered))
      .when(start('2025-02-03', 'immersion', '2025-03-04'))
      .thenError({
        _tag: 'ImmersionTooLong',
        maxMonths: 1,
        plannedEndOn: '2025-03-04',
        latestEndOn: '2025-03-03',
      })
    given(j.history(registered))
      .when(start('2025-01-31', 'immersion', '2025-03-01'))
      .thenError({ _tag: 'ImmersionTooLong', latestEndOn: '2025-02-28' })
    given(j.history(registered))
      .when(start('2025-02-01', 'volunteering', '2026-02-01'))
      .thenEndsWith([
        j.event('SituationStarted', '2025-02-01', {
          situationId: 's-1',
          kind: 'volunteering',
          plannedEndOn: '2026-02-01',
        }),
      ])
  })

  test('the longest immersion is policy', () => {
    givenDecider(openingForTest(createJourneyDecider({ immersionMaxMonths: 2 })))(j.history(registered))
      .when(start('2025-02-03', 'immersion', '2025-04-03'))
      .thenEndsWith([
        j.event('SituationStarted', '2025-02-03', {
          situationId: 's-1',
          kind: 'immersion',
          plannedEndOn: '2025-04-03',
        }),
      ])
  })

  test('end date ≥ start date', () => {
    given(j.history(registered))
      .when(start('2025-02-03', 'schooling', '2025-02-02'))
      .thenError({ _tag: 'EndBeforeStart', startOn: '2025-02-03', endOn: '2025-02-02' })
    given(j.history(registered, start('2025-02-03', 'immersion', '2025-02-28')))
      .when(end('2025-02-02'))
      .thenError({ _tag: 'EndBeforeStart', startOn: '2025-02-03', endOn: '2025-02-02' })
    given(j.history(registered, start('2025-02-03', 'immersion', '2025-02-28')))
      .when(end('2025-02-03'))
      .thenEndsWith([j.event('SituationEnded', '2025-02-03', { situationId: 's-1', kind: 'immersion' })])
  })

  test('situation ids are unique across all situations; only a started one ends, once', () => {
    const trained = j.command('StartTraining', '2025-02-01', {
      trainingId: 's-1',
      proposalId: null,
      qualifying: true,
      plannedEndOn: null,
    })
    given(j.history(registered, trained))
      .when(start('2025-02-03', 'immersion', '2025-02-28'))
      .thenError({ _tag: 'DuplicateSituation', situationId: 's-1' })
    given(j.history(registered, trained))
      .when(end('2025-03-01'))
      .thenError({ _tag: 'UnknownSituation', situationId: 's-1', kind: 'other' })
    given(j.history(registered, start('2025-02-03', 'immersion', '2025-02-28')))
      .when(j.command('EndTraining', '2025-03-01', { trainingId: 's-1', result: 'completed' }))
      .thenError({ _tag: 'UnknownSituation', kind: 'training' })
    given(j.history(registered, start('2025-02-03', 'immersion', '2025-02-28'), end('2025-02-28')))
      .when(end('2025-03-01'))
      .thenError({ _tag: 'SituationAlreadyEnded', endedOn: '2025-02-28' })
  })

  test('an immersion is renewable once, again 1 month at most', () => {
    const immersion = [registered, start('2025-02-03', 'immersion', '2025-03-03')]
    given(j.history(...immersion))
      .when(renew('2025-02-25', '2025-04-03'))
      .thenEndsWith([
        j.event('ImmersionRenewed', '2025-02-25', { situationId: 's-1', plannedEndOn: '2025-04-03' }),
      ])
    given(j.history(...immersion))
      .when(renew('2025-02-25', '2025-04-04'))
      .thenError({
        _tag: 'ImmersionTooLong',
        maxMonths: 1,
        plannedEndOn: '2025-04-04',
        latestEndOn: '2025-04-03',
      })
    given(j.history(...immersion, renew('2025-02-25', '2025-03-20')))
      .when(renew('2025-03-10', '2025-04-01'))
      .thenError({ _tag: 'ImmersionAlreadyRenewed', situationId: 's-1', renewedOn: '2025-02-25' })
    given(j.history(...immersion))
      .when(renew('2025-02-25', '2025-03-03'))
      .thenError({ _tag: 'ExtensionNotLater', currentPlannedEndOn: '2025-03-03' })
    const state = foldJourney(j.history(...immersion, renew('2025-02-25', '2025-03-20')))
    expect(state.status === 'open' && state.situations['s-1']).toMatchObject({
      kind: 'immersion',
      plannedEndOn: '2025-03-20',
      renewedOn: '2025-02-25',
      endedOn: null,
    })
  })

  test('only an immersion in progress is renewed, not before it started', () => {
    given(j.history(registered, start('2025-02-03', 'volunteering', '2025-08-03')))
      .when(renew('2025-02-25', '2025-09-01'))
      .thenError({ _tag: 'UnknownSituation', situationId: 's-1', kind: 'immersion' })
    given(j.history(registered, start('2025-02-03', 'immersion', '2025-03-03'), end('2025-02-20')))
      .when(renew('2025-02-25', '2025-03-20'))
      .thenError('SituationAlreadyEnded')
    given(j.history(registered, start('2025-02-03', 'immersion', '2025-03-03')))
      .when(renew('2025-02-01', '2025-03-20'))
      .thenError({
        _tag: 'DatedBeforeSituationStart',
        situationId: 's-1',
        on: '2025-02-01',
        startedOn: '2025-02-03',
      })
  })
})
