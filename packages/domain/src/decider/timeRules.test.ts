import { describe, test } from 'vitest'
import { journeyFixture } from '../testing/fixtures.js'
import { given } from '../testing/givenWhenThen.js'

const j = journeyFixture()
const registered = j.command('RegisterYouth', '2025-01-10', {
  counsellorId: 'c-1',
  birthDate: '2005-06-15',
  rqth: false,
  personalData: null,
})
const tick = (on: string) => j.command('ApplyTimeRules', on, {})

describe('time-driven rules (now is an input)', () => {
  test('FollowUpDue is recorded once the due date is reached, not before', () => {
    given(j.history(registered)).when(tick('2025-02-08')).then([])
    given(j.history(registered))
      .when(tick('2025-02-09'))
      .then([j.event('FollowUpDue', '2025-02-09', { followUpId: 'fu-1', dueOn: '2025-02-09' })])
  })

  test('FollowUpDue at most once per follow-up', () => {
    given(j.history(registered, tick('2025-02-09')))
      .when(tick('2025-02-20'))
      .then([])
  })

  test('FollowUpDue never for a kept or cancelled follow-up', () => {
    const kept = [registered, j.command('KeepFollowUp', '2025-02-01', { followUpId: 'fu-1', comment: null })]
    given(j.history(...kept))
      .when(tick('2025-02-15'))
      .then([])
    const cancelled = [
      registered,
      j.command('ScheduleFollowUp', '2025-01-11', {
        followUpId: 'f-2',
        dueOn: '2025-02-11',
        kind: 'phone-or-video-call',
      }),
      j.command('CancelFollowUp', '2025-01-12', { followUpId: 'fu-1' }),
    ]
    given(j.history(...cancelled))
      .when(tick('2025-02-10'))
      .then([])
  })

  test('a proposal without answer expires once its respond-by date has passed (policy)', () => {
    const offered = [
      registered,
      j.command('OfferProposal', '2025-01-12', {
        proposalId: 'p-1',
        theme: 'internship',
        respondBy: '2025-01-31',
      }),
    ]
    given(j.history(...offered))
      .when(tick('2025-01-31'))
      .then([])
    given(j.history(...offered))
      .when(tick('2025-02-01'))
      .then([
        j.event('ProposalOutcomeRecorded', '2025-02-01', {
          proposalId: 'p-1',
          theme: 'internship',
          outcome: 'expired',
          offeredOn: '2025-01-12',
        }),
      ])
    given(j.history(...offered, j.command('AcceptProposal', '2025-01-20', { proposalId: 'p-1' })))
      .when(tick('2025-02-01'))
      .then([])
  })

  test('a programme past its planned end is exited (term reached)', () => {
    given(
      j.history(
        registered,
        j.command('EnterProgramme', '2025-01-20', { programme: 'CEJ', plannedEndOn: '2025-02-05' }),
        j.command('KeepFollowUp', '2025-01-20', { followUpId: 'fu-1', comment: null }),
      ),
    )
      .when(tick('2025-02-06'))
      .then([
        j.event('FollowUpDue', '2025-02-06', { followUpId: 'fu-2', dueOn: '2025-01-27' }),
        j.event('ProgrammeExited', '2025-02-06', { programme: 'CEJ', reason: 'term-reached' }),
      ])
  })

  test('at the age limit an open journey closes: programme exited, then journey closed', () => {
    const nearLimit = [
      j.command('RegisterYouth', '2025-01-10', {
        counsellorId: 'c-1',
        birthDate: '1999-06-15',
        rqth: false,
        personalData: null,
      }),
      j.command('EnterProgramme', '2025-02-01', { programme: 'CEJ', plannedEndOn: '2026-01-01' }),
      j.command('KeepFollowUp', '2025-02-05', { followUpId: 'fu-1', comment: null }),
      j.command('KeepFollowUp', '2025-06-10', { followUpId: 'fu-2', comment: null }),
    ]
    given(j.history(...nearLimit))
      .when(tick('2025-06-15'))
      .then([
        j.event('ProgrammeExited', '2025-06-15', { programme: 'CEJ', reason: 'age-limit' }),
        j.event('FollowUpCancelled', '2025-06-15', { followUpId: 'fu-3' }),
        j.event('JourneyClosed', '2025-06-15', { reason: 'age-limit', comment: null }),
      ])
    given(j.history(...nearLimit))
      .when(tick('2025-06-14'))
      .then([])
  })

  test('with RQTH the journey stays open for the CEJ until the 30th birthday', () => {
    const rqth = [
      j.command('RegisterYouth', '2025-01-10', {
        counsellorId: 'c-1',
        birthDate: '1999-06-15',
        rqth: true,
        personalData: null,
      }),
      j.command('KeepFollowUp', '2025-06-10', { followUpId: 'fu-1', comment: null }),
    ]
    given(j.history(...rqth))
      .when(tick('2025-06-15'))
      .then([])
  })
})
