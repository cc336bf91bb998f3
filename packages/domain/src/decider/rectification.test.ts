import { describe, test } from 'vitest'
import { fakeSealed, journeyFixture } from '../testing/fixtures.js'
import { given } from '../testing/givenWhenThen.js'

// Rectification (art. 16 GDPR): the corrected identity, sealed, and nothing else about the journey.

const j = journeyFixture()
const registered = j.command('RegisterYouth', '2025-01-10', {
  counsellorId: 'c-1',
  birthDate: '2005-06-15',
  rqth: false,
  personalData: fakeSealed('key-y1'),
})
const corrected = fakeSealed('key-y1')
const rectify = (on: string, personalData: ReturnType<typeof fakeSealed> | null = corrected) =>
  j.command('RectifyIdentity', on, { personalData })

describe('rectification of the identity', () => {
  test('records the corrected identity, sealed, and nothing else — not even what fell due meanwhile', () => {
    // The policy's first appointment fell due long ago: a rectification is no fact of the journey's course.
    given(j.history(registered))
      .when(rectify('2025-06-01'))
      .then([j.event('IdentityRectified', '2025-06-01', { personalData: corrected })])
  })

  test('is accepted on a closed journey and past the age limit, until the data is erased', () => {
    given(
      j.history(registered, j.command('CloseJourney', '2025-03-01', { reason: 'moved-away', comment: null })),
    )
      .when(rectify('2025-04-01'))
      .then([j.event('IdentityRectified', '2025-04-01', { personalData: corrected })])
    given(j.history(registered))
      .when(rectify('2032-01-01'))
      .then([j.event('IdentityRectified', '2032-01-01', { personalData: corrected })])
    given(j.history(registered, j.command('ErasePersonalData', '2025-02-01', {})))
      .when(rectify('2025-02-02'))
      .thenError('PersonalDataAlreadyErased')
  })

  test('is refused without a corrected identity, before registration, or for another mission locale', () => {
    given(j.history(registered)).when(rectify('2025-02-01', null)).thenError('NothingToRectify')
    given([]).when(rectify('2025-02-01')).thenError('NotRegistered')
    given(j.history(registered)).when(rectify('2025-01-09')).thenError('DatedBeforeRegistration')
    given(j.history(registered))
      .when({ ...rectify('2025-02-01'), missionLocaleId: 'ml-other' } as never)
      .thenError('WrongMissionLocale')
  })
})
