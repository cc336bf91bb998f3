import { describe, test } from 'vitest'
import { fakeSealed, journeyFixture } from '../testing/fixtures.js'
import { given } from '../testing/givenWhenThen.js'

const j = journeyFixture()
const registered = j.command('RegisterYouth', '2025-01-10', {
  counsellorId: 'c-1',
  birthDate: '2005-06-15',
  rqth: false,
  personalData: fakeSealed('key-y1'),
})
const close = (
  on: string,
  reason: 'moved-away' | 'other' | 'age-limit' | 'durable-employment',
  comment = null as ReturnType<typeof fakeSealed> | null,
) => j.command('CloseJourney', on, { reason, comment })
const closed = [registered, close('2025-03-01', 'moved-away')]

describe('exit, reopening and erasure', () => {
  test('closing ends the programme, cancels pending follow-ups, then closes', () => {
    given(
      j.history(
        registered,
        j.command('EnterProgramme', '2025-02-01', { programme: 'CEJ', plannedEndOn: '2026-01-01' }),
      ),
    )
      .when(close('2025-03-01', 'durable-employment'))
      .then([
        j.event('ProgrammeExited', '2025-03-01', { programme: 'CEJ', reason: 'journey-closed' }),
        j.event('FollowUpCancelled', '2025-03-01', { followUpId: 'fu-1' }),
        j.event('FollowUpCancelled', '2025-03-01', { followUpId: 'fu-2' }),
        j.event('JourneyClosed', '2025-03-01', { reason: 'durable-employment', comment: null }),
      ])
  })

  test("exit reason 'other' needs a comment", () => {
    given(j.history(registered))
      .when(close('2025-03-01', 'other'))
      .thenError({ _tag: 'CommentRequired', reason: 'other' })
    given(j.history(registered))
      .when(close('2025-03-01', 'other', fakeSealed('key-y1')))
      .then([
        j.event('FollowUpCancelled', '2025-03-01', { followUpId: 'fu-1' }),
        j.event('JourneyClosed', '2025-03-01', { reason: 'other', comment: fakeSealed('key-y1') }),
      ])
  })

  test("exit reason 'age-limit' only once the age limit is reached", () => {
    given(j.history(registered))
      .when(close('2025-03-01', 'age-limit'))
      .thenError({ _tag: 'AgeLimitNotReached', ageLimitOn: '2031-06-15' })
  })

  test('a closed journey rejects everything but reopening (and erasure)', () => {
    given(j.history(...closed))
      .when(
        j.command('OfferProposal', '2025-03-02', {
          proposalId: 'p-1',
          theme: 'health',
          respondBy: '2025-04-01',
        }),
      )
      .thenError({ _tag: 'JourneyIsClosed', command: 'OfferProposal', closedOn: '2025-03-01' })
    given(j.history(...closed))
      .when(j.command('ApplyTimeRules', '2025-06-01', {}))
      .thenError('JourneyIsClosed')
    given(j.history(...closed))
      .when(close('2025-03-02', 'moved-away'))
      .thenError('JourneyIsClosed')
  })

  test('a closed journey is reopened, with a new pending follow-up', () => {
    given(j.history(...closed))
      .when(j.command('ReopenJourney', '2025-09-01', { counsellorId: 'c-2' }))
      .then([
        j.event('JourneyReopened', '2025-09-01', { counsellorId: 'c-2' }),
        j.event('FollowUpScheduled', '2025-09-01', {
          followUpId: 'fu-2',
          dueOn: '2025-10-01',
          kind: 'individual-interview',
          counsellorId: 'c-2',
        }),
      ])
    given(j.history(registered))
      .when(j.command('ReopenJourney', '2025-09-01', { counsellorId: 'c-2' }))
      .thenError('JourneyNotClosed')
    given(j.history(...closed))
      .when(j.command('ReopenJourney', '2025-02-01', { counsellorId: 'c-2' }))
      .thenError('DatedBeforeClosing')
  })

  test('reopening never past the age limit', () => {
    given(j.history(...closed))
      .when(j.command('ReopenJourney', '2031-06-15', { counsellorId: 'c-2' }))
      .thenError({ _tag: 'AgeLimitReached', on: '2031-06-15', ageLimitOn: '2031-06-15' })
  })

  test('personal data is erased once, on an open or closed journey, by its key', () => {
    given(j.history(...closed))
      .when(j.command('ErasePersonalData', '2033-06-15', {}))
      .then([j.event('PersonalDataErased', '2033-06-15', { keyId: 'key-y1' })])
    given(j.history(registered, j.command('ErasePersonalData', '2025-02-01', {})))
      .when(j.command('ErasePersonalData', '2025-02-02', {}))
      .thenError('PersonalDataAlreadyErased')
  })

  test('without sealed data, the key is named after the youth id', () => {
    given(
      j.history(
        j.command('RegisterYouth', '2025-01-10', {
          counsellorId: 'c-1',
          birthDate: '2005-06-15',
          rqth: false,
          personalData: null,
        }),
      ),
    )
      .when(j.command('ErasePersonalData', '2025-02-01', {}))
      .then([j.event('PersonalDataErased', '2025-02-01', { keyId: 'y-1' })])
  })

  test('past the age limit an open journey accepts only the clock, closing and erasure', () => {
    given(j.history(registered))
      .when(
        j.command('OfferProposal', '2031-06-15', {
          proposalId: 'p-1',
          theme: 'health',
          respondBy: '2031-07-01',
        }),
      )
      .thenError({ _tag: 'AgeLimitReached', ageLimitOn: '2031-06-15' })
  })
})
