import { describe, expect, test } from 'vitest'
import { describeJourneyError } from '../model/errors.js'
import { fakeSealed, journeyFixture } from '../testing/fixtures.js'
import { given, givenDecider } from '../testing/givenWhenThen.js'
import { openingForTest } from '../testing/openedAgeLimits.js'
import { createJourneyDecider } from './journeyDecider.js'

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
  test('closing leaves nothing open: programme, proposals, sessions, appointments, situations', () => {
    given(
      j.history(
        registered,
        j.command('EnterProgramme', '2025-02-01', { programme: 'CEJ', plannedEndOn: '2026-01-01' }),
        j.command('OfferProposal', '2025-02-03', {
          proposalId: 'p-1',
          theme: 'health',
          respondBy: '2025-04-01',
        }),
        j.command('OfferProposal', '2025-02-03', {
          proposalId: 'p-2',
          theme: 'housing',
          respondBy: '2025-04-01',
        }),
        j.command('AcceptProposal', '2025-02-04', { proposalId: 'p-2' }),
        j.command('StartEmployment', '2025-02-04', {
          employmentId: 'e-1',
          proposalId: null,
          contract: 'CDI',
          durationMonths: null,
        }),
        j.command('PrescribeSession', '2025-02-04', {
          sessionId: 'ws-1',
          kind: 'workshop',
          heldOn: '2025-02-05',
          capacity: 12,
          registrations: 3,
        }),
      ),
    )
      .when(close('2025-02-05', 'durable-employment'))
      .thenEndsWith([
        j.event('ProgrammeExited', '2025-02-05', { programme: 'CEJ', reason: 'journey-closed' }),
        j.event('ProposalOutcomeRecorded', '2025-02-05', {
          proposalId: 'p-1',
          theme: 'health',
          outcome: 'closed-without-follow-up',
          offeredOn: '2025-02-03',
        }),
        j.event('ProposalOutcomeRecorded', '2025-02-05', {
          proposalId: 'p-2',
          theme: 'housing',
          outcome: 'closed-without-follow-up',
          offeredOn: '2025-02-03',
        }),
        j.event('SessionOutcomeRecorded', '2025-02-05', {
          sessionId: 'ws-1',
          kind: 'workshop',
          heldOn: '2025-02-05',
          outcome: 'closed-without-follow-up',
        }),
        j.event('FollowUpCancelled', '2025-02-05', { followUpId: 'fu-1' }),
        j.event('FollowUpCancelled', '2025-02-05', { followUpId: 'fu-2' }),
        j.event('SituationOngoingAtExit', '2025-02-05', {
          situationId: 'e-1',
          kind: 'employment',
          startedOn: '2025-02-04',
          durable: true,
          qualifying: false,
        }),
        j.event('JourneyClosed', '2025-02-05', { reason: 'durable-employment', comment: null }),
      ])
  })

  test('a closure is never dated before what it ends; the error names the rule and both dates', () => {
    const inCej = [
      registered,
      j.command('EnterProgramme', '2025-03-01', { programme: 'CEJ', plannedEndOn: '2026-01-01' }),
    ]
    const refusal = given(j.history(...inCej)).when(close('2025-02-01', 'moved-away'))
    refusal.thenError({ _tag: 'DatedBeforeProgrammeEntry', on: '2025-02-01', enteredOn: '2025-03-01' })
    expect(refusal.decision._tag === 'Left' && describeJourneyError(refusal.decision.left)).toBe(
      "Time rule (nothing is dated before what it depends on): 2025-02-01 is before the programme's entry on 2025-03-01.",
    )
    given(
      j.history(
        registered,
        j.command('StartTraining', '2025-02-10', {
          trainingId: 't-1',
          proposalId: null,
          qualifying: true,
          plannedEndOn: null,
        }),
      ),
    )
      .when(close('2025-02-01', 'moved-away'))
      .thenError({
        _tag: 'DatedBeforeSituationStart',
        situationId: 't-1',
        on: '2025-02-01',
        startedOn: '2025-02-10',
      })
    given(
      j.history(
        registered,
        j.command('OfferProposal', '2025-02-10', {
          proposalId: 'p-1',
          theme: 'health',
          respondBy: '2025-03-01',
        }),
      ),
    )
      .when(close('2025-02-01', 'moved-away'))
      .thenError({ _tag: 'DatedBeforeOffer', proposalId: 'p-1', on: '2025-02-01', offeredOn: '2025-02-10' })
    given(
      j.history(
        registered,
        j.command('ScheduleFollowUp', '2025-02-10', {
          followUpId: 'f-1',
          dueOn: '2025-02-20',
          kind: 'phone-or-video-call',
        }),
      ),
    )
      .when(close('2025-02-01', 'moved-away'))
      .thenError({
        _tag: 'DatedBeforeScheduling',
        followUpId: 'f-1',
        on: '2025-02-01',
        scheduledOn: '2025-02-10',
      })
  })

  test('an exit for durable employment or qualifying training needs that situation in progress (policy)', () => {
    given(j.history(registered))
      .when(close('2025-03-01', 'durable-employment'))
      .thenError({ _tag: 'ExitWithoutSituation', reason: 'durable-employment', needs: 'durable-employment' })
    given(
      j.history(
        registered,
        j.command('StartEmployment', '2025-02-01', {
          employmentId: 'e-1',
          proposalId: null,
          contract: 'CDD',
          durationMonths: 3,
        }),
      ),
    )
      .when(close('2025-03-01', 'durable-employment'))
      .thenError('ExitWithoutSituation')
    given(
      j.history(
        registered,
        j.command('StartTraining', '2025-02-01', {
          trainingId: 't-1',
          proposalId: null,
          qualifying: false,
          plannedEndOn: null,
        }),
      ),
    )
      .when(j.command('CloseJourney', '2025-03-01', { reason: 'qualifying-training', comment: null }))
      .thenError({ _tag: 'ExitWithoutSituation', needs: 'qualifying-training' })
    givenDecider(openingForTest(createJourneyDecider({ exitMustMatchSituation: false })))(
      j.history(registered),
    )
      .when(close('2025-03-01', 'durable-employment'))
      .thenEndsWith([j.event('JourneyClosed', '2025-03-01', { reason: 'durable-employment', comment: null })])
  })

  test("exit reason 'other' needs a comment", () => {
    given(j.history(registered))
      .when(close('2025-03-01', 'other'))
      .thenError({ _tag: 'CommentRequired', reason: 'other' })
    given(j.history(registered))
      .when(close('2025-03-01', 'other', fakeSealed('key-y1')))
      .thenEndsWith([
        j.event('FollowUpCancelled', '2025-03-01', { followUpId: 'fu-2' }),
        j.event('JourneyClosed', '2025-03-01', { reason: 'other', comment: fakeSealed('key-y1') }),
      ])
  })

  test("exit reason 'age-limit' only once the age limit is reached", () => {
    given(j.history(registered))
      .when(close('2025-03-01', 'age-limit'))
      .thenError({ _tag: 'AgeLimitNotReached', ageLimitOn: '2031-07-01' })
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
        // fu-1 passed on 2025-02-09 and the clock planned fu-2 before the closing
        j.event('FollowUpScheduled', '2025-09-01', {
          followUpId: 'fu-3',
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

  test('reopening is refused once the personal data was erased', () => {
    given(j.history(...closed, j.command('ErasePersonalData', '2025-04-01', {})))
      .when(j.command('ReopenJourney', '2025-09-01', { counsellorId: 'c-2' }))
      .thenError({ _tag: 'ReopeningAfterErasure' })
  })

  test('reopening never past the age limit', () => {
    given(j.history(...closed))
      .when(j.command('ReopenJourney', '2031-07-01', { counsellorId: 'c-2' }))
      .thenError({ _tag: 'AgeLimitReached', on: '2031-07-01', ageLimitOn: '2031-07-01' })
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
    // Followed to the end of the month of the 26th birthday (15 June 2031), past the limit from 1 July.
    const offer = (on: string) =>
      j.command('OfferProposal', on, { proposalId: 'p-1', theme: 'health', respondBy: '2031-07-20' })
    given(j.history(registered))
      .when(offer('2031-07-01'))
      .thenError({ _tag: 'AgeLimitReached', ageLimitOn: '2031-07-01' })
    given(j.history(registered))
      .when(offer('2031-06-30'))
      .thenEndsWith([
        j.event('ProposalOffered', '2031-06-30', {
          proposalId: 'p-1',
          theme: 'health',
          respondBy: '2031-07-20',
          counsellorId: 'c-1',
          training: null,
          partnerOffer: null,
        }),
      ])
  })
})
