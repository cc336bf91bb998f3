import { describe, test } from 'vitest'
import { fakeSealed, journeyFixture } from '../testing/fixtures.js'
import { given } from '../testing/givenWhenThen.js'

const j = journeyFixture()
const registered = j.command('RegisterYouth', '2025-01-10', {
  counsellorId: 'c-1',
  birthDate: '2005-06-15',
  rqth: false,
  personalData: null,
})

describe('counsellor, transfer, requests and diagnostic', () => {
  test('a young person is assigned another counsellor', () => {
    given(j.history(registered))
      .when(j.command('AssignCounsellor', '2025-02-01', { counsellorId: 'c-2' }))
      .then([
        j.event('CounsellorAssigned', '2025-02-01', { counsellorId: 'c-2', previousCounsellorId: 'c-1' }),
      ])
    given(j.history(registered))
      .when(j.command('AssignCounsellor', '2025-02-01', { counsellorId: 'c-1' }))
      .thenError('CounsellorAlreadyAssigned')
  })

  test('a journey is transferred to another mission locale, whose it then is', () => {
    const other = journeyFixture('y-1', 'ml-2')
    const transfer = j.command('TransferJourney', '2025-02-01', {
      toMissionLocaleId: 'ml-2',
      counsellorId: 'c-9',
    })
    given(j.history(registered))
      .when(transfer)
      .then([
        other.event('JourneyTransferred', '2025-02-01', { fromMissionLocaleId: 'ml-1', counsellorId: 'c-9' }),
      ])
    given(j.history(registered, transfer))
      .when(j.command('CompleteDiagnostic', '2025-02-02', { comment: null }))
      .thenError({ _tag: 'WrongMissionLocale', missionLocaleId: 'ml-1' })
    given(j.history(registered, transfer))
      .when(other.command('CompleteDiagnostic', '2025-02-02', { comment: null }))
      .then([other.event('DiagnosticCompleted', '2025-02-02', { comment: null })])
    given(j.history(registered))
      .when(j.command('TransferJourney', '2025-02-01', { toMissionLocaleId: 'ml-1', counsellorId: 'c-9' }))
      .thenError('SameMissionLocale')
  })

  test('requests are recorded apart from proposals, each id once', () => {
    const request = j.command('RecordRequest', '2025-01-10', {
      requestId: 'r-1',
      theme: 'housing',
      comment: fakeSealed(),
    })
    given(j.history(registered))
      .when(request)
      .then([
        j.event('RequestRecorded', '2025-01-10', {
          requestId: 'r-1',
          theme: 'housing',
          comment: fakeSealed(),
        }),
      ])
    given(j.history(registered, request))
      .when(request)
      .thenError({ _tag: 'DuplicateRequest', requestId: 'r-1' })
  })

  test('a diagnostic may take several interviews', () => {
    given(j.history(registered, j.command('CompleteDiagnostic', '2025-01-15', { comment: null })))
      .when(j.command('CompleteDiagnostic', '2025-01-22', { comment: null }))
      .then([j.event('DiagnosticCompleted', '2025-01-22', { comment: null })])
  })
})
