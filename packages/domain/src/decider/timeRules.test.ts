import { describe, expect, test } from 'vitest'
import type { JourneyCommand } from '../model/commands.js'
import type { JourneyEvent } from '../model/events.js'
import { journeyFixture } from '../testing/fixtures.js'
import { given, givenDecider } from '../testing/givenWhenThen.js'
import { openingForTest } from '../testing/openedAgeLimits.js'
import { foldJourney } from './evolve.js'
import { createJourneyDecider, journeyDecider } from './journeyDecider.js'

const j = journeyFixture()
const registered = j.command('RegisterYouth', '2025-01-10', {
  counsellorId: 'c-1',
  birthDate: '2005-06-15',
  rqth: false,
  personalData: null,
})
const tick = (on: string) => j.command('ApplyTimeRules', on, {})
// Most of these examples are about one rule: reminders are left out unless they are the subject.
const quiet = givenDecider(openingForTest(createJourneyDecider({ reminderDaysBefore: [] })))

const eventsOf = (
  history: ReadonlyArray<JourneyEvent>,
  command: JourneyCommand,
): ReadonlyArray<JourneyEvent> => {
  const decision = openingForTest(journeyDecider).decide(command, foldJourney(history))
  if (decision._tag === 'Left') throw new Error(`refused: ${decision.left._tag}`)
  return decision.right
}
const ofType = <T extends JourneyEvent['type']>(events: ReadonlyArray<JourneyEvent>, type: T) =>
  events.filter((e): e is Extract<JourneyEvent, { type: T }> => e.type === type)

describe('time-driven facts are dated when they fall due (now is an input)', () => {
  test('FollowUpDue is recorded once the due date is reached, dated on the due date however late the tick', () => {
    quiet(j.history(registered)).when(tick('2025-02-08')).then([])
    quiet(j.history(registered))
      .when(tick('2025-02-09'))
      .then([j.event('FollowUpDue', '2025-02-09', { followUpId: 'fu-1', dueOn: '2025-02-09' })])
    const late = eventsOf(j.history(registered), tick('2025-02-25'))
    expect(ofType(late, 'FollowUpDue')[0]).toEqual(
      j.event('FollowUpDue', '2025-02-09', { followUpId: 'fu-1', dueOn: '2025-02-09' }),
    )
  })

  test('FollowUpDue at most once per follow-up, never for a kept or cancelled one', () => {
    quiet(j.history(registered, tick('2025-02-09')))
      .when(tick('2025-02-09'))
      .then([])
    const kept = [registered, j.command('KeepFollowUp', '2025-02-01', { followUpId: 'fu-1', comment: null })]
    quiet(j.history(...kept))
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
    quiet(j.history(...cancelled))
      .when(tick('2025-02-10'))
      .then([])
  })

  test('a command meets the journey as the nightly tick of the day before left it', () => {
    // No tick ran: keeping fu-1 late first records that it fell due, on its due date.
    quiet(j.history(registered))
      .when(j.command('KeepFollowUp', '2025-02-12', { followUpId: 'fu-1', comment: null }))
      .thenEndsWith([
        j.event('FollowUpDue', '2025-02-09', { followUpId: 'fu-1', dueOn: '2025-02-09' }),
        j.event('FollowUpScheduled', '2025-02-10', {
          followUpId: 'fu-2',
          dueOn: '2025-03-12',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
        j.event('FollowUpKept', '2025-02-12', { followUpId: 'fu-1', comment: null }),
      ])
    // Kept on its due date: it never fell due.
    quiet(j.history(registered))
      .when(j.command('KeepFollowUp', '2025-02-09', { followUpId: 'fu-1', comment: null }))
      .thenEndsWith([
        j.event('FollowUpKept', '2025-02-09', { followUpId: 'fu-1', comment: null }),
        j.event('FollowUpScheduled', '2025-02-09', {
          followUpId: 'fu-2',
          dueOn: '2025-03-11',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
  })

  test('the day after the last planned appointment passed, the next one is planned (an open journey always has one)', () => {
    quiet(j.history(registered, tick('2025-02-09')))
      .when(tick('2025-02-10'))
      .then([
        j.event('FollowUpScheduled', '2025-02-10', {
          followUpId: 'fu-2',
          dueOn: '2025-03-12',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
  })

  test('reminders fall due 7 days and 1 day before an appointment, never before it was planned (policy)', () => {
    given(j.history(registered))
      .when(tick('2025-02-08'))
      .then([
        j.event('FollowUpReminderDue', '2025-02-02', {
          followUpId: 'fu-1',
          dueOn: '2025-02-09',
          daysBefore: 7,
        }),
        j.event('FollowUpReminderDue', '2025-02-08', {
          followUpId: 'fu-1',
          dueOn: '2025-02-09',
          daysBefore: 1,
        }),
      ])
    const soon = [
      registered,
      j.command('ScheduleFollowUp', '2025-01-11', {
        followUpId: 'f-1',
        dueOn: '2025-01-14',
        kind: 'workshop',
      }),
    ]
    given(j.history(...soon))
      .when(tick('2025-01-14'))
      .then([
        j.event('FollowUpReminderDue', '2025-01-13', {
          followUpId: 'f-1',
          dueOn: '2025-01-14',
          daysBefore: 1,
        }),
        j.event('FollowUpDue', '2025-01-14', { followUpId: 'f-1', dueOn: '2025-01-14' }),
      ])
    givenDecider(openingForTest(createJourneyDecider({ reminderDaysBefore: [3] })))(j.history(registered))
      .when(tick('2025-02-08'))
      .then([
        j.event('FollowUpReminderDue', '2025-02-06', {
          followUpId: 'fu-1',
          dueOn: '2025-02-09',
          daysBefore: 3,
        }),
      ])
  })

  test('a proposal without answer expires the day after its respond-by date, however late the tick', () => {
    const offered = [
      registered,
      j.command('OfferProposal', '2025-01-12', {
        proposalId: 'p-1',
        theme: 'internship',
        respondBy: '2025-01-31',
      }),
    ]
    const expired = j.event('ProposalOutcomeRecorded', '2025-02-01', {
      proposalId: 'p-1',
      theme: 'internship',
      outcome: 'expired',
      offeredOn: '2025-01-12',
    })
    quiet(j.history(...offered))
      .when(tick('2025-01-31'))
      .then([])
    quiet(j.history(...offered))
      .when(tick('2025-02-01'))
      .then([expired])
    expect(ofType(eventsOf(j.history(...offered), tick('2025-03-20')), 'ProposalOutcomeRecorded')).toEqual([
      expired,
    ])
  })

  test('an accepted proposal never carried out expires after the policy delay (90 days)', () => {
    const accepted = [
      registered,
      j.command('OfferProposal', '2025-01-12', {
        proposalId: 'p-1',
        theme: 'housing',
        respondBy: '2025-01-31',
      }),
      j.command('AcceptProposal', '2025-01-20', { proposalId: 'p-1' }),
    ]
    expect(ofType(eventsOf(j.history(...accepted), tick('2025-04-19')), 'ProposalOutcomeRecorded')).toEqual(
      [],
    )
    const late = eventsOf(j.history(...accepted), tick('2025-09-01'))
    expect(ofType(late, 'ProposalOutcomeRecorded')).toEqual([
      j.event('ProposalOutcomeRecorded', '2025-04-20', {
        proposalId: 'p-1',
        theme: 'housing',
        outcome: 'expired',
        offeredOn: '2025-01-12',
      }),
    ])
    const lenient = openingForTest(createJourneyDecider({ acceptedProposalExpiryDays: 10 }))
    const d = lenient.decide(tick('2025-02-15'), foldJourney(j.history(...accepted)))
    expect(d._tag === 'Right' && ofType(d.right, 'ProposalOutcomeRecorded').map((e) => e.on)).toEqual([
      '2025-01-30',
    ])
  })

  test('a programme ends on its term, however late the tick: a 24-month PACEA lasts 24 months', () => {
    const inPacea = j.history(
      registered,
      j.command('CompleteDiagnostic', '2025-01-15', { comment: null }),
      j.command('EnterProgramme', '2025-02-01', { programme: 'PACEA', plannedEndOn: '2027-02-01' }),
    )
    const onTime = ofType(eventsOf(inPacea, tick('2027-02-01')), 'ProgrammeExited')
    const monthLate = ofType(eventsOf(inPacea, tick('2027-03-01')), 'ProgrammeExited')
    expect(onTime).toEqual([
      j.event('ProgrammeExited', '2027-02-01', { programme: 'PACEA', reason: 'term-reached' }),
    ])
    expect(monthLate).toEqual(onTime)
    expect(ofType(eventsOf(inPacea, tick('2027-01-31')), 'ProgrammeExited')).toEqual([])
  })

  test('an age-out closes the journey on the 1st after the 26th birthday, however late the tick', () => {
    const nearLimit = [
      j.command('RegisterYouth', '2025-01-10', {
        counsellorId: 'c-1',
        birthDate: '1999-06-15',
        rqth: false,
        personalData: null,
      }),
      j.command('EnterProgramme', '2025-02-01', { programme: 'CEJ', plannedEndOn: '2026-01-01' }),
      j.command('KeepFollowUp', '2025-06-10', { followUpId: 'fu-2', comment: null }),
    ]
    const closing = (events: ReadonlyArray<JourneyEvent>) =>
      events.filter((e) => e.type === 'JourneyClosed' || e.type === 'ProgrammeExited')
    const expected = [
      j.event('ProgrammeExited', '2025-07-01', { programme: 'CEJ', reason: 'age-limit' }),
      j.event('JourneyClosed', '2025-07-01', { reason: 'age-limit', comment: null }),
    ]
    expect(closing(eventsOf(j.history(...nearLimit), tick('2025-07-01')))).toEqual(expected)
    expect(closing(eventsOf(j.history(...nearLimit), tick('2025-08-15')))).toEqual(expected)
    // Followed to the end of the birthday's month.
    expect(closing(eventsOf(j.history(...nearLimit), tick('2025-06-15')))).toEqual([])
    expect(closing(eventsOf(j.history(...nearLimit), tick('2025-06-30')))).toEqual([])
  })

  test('RQTH extends the age limit to 30 inside an open CEJ only; outside a CEJ the journey ages out at 26', () => {
    const rqth = j.command('RegisterYouth', '2025-01-10', {
      counsellorId: 'c-1',
      birthDate: '1999-06-15',
      rqth: true,
      personalData: null,
    })
    const closedOn = (history: ReadonlyArray<JourneyEvent>, on: string) =>
      ofType(eventsOf(history, tick(on)), 'JourneyClosed').map((e) => e.on)
    // No CEJ: the 1st after the 26th birthday, RQTH or not.
    expect(closedOn(j.history(rqth), '2025-07-01')).toEqual(['2025-07-01'])
    // In a CEJ: open past 26 …
    const inCej = j.history(
      rqth,
      j.command('EnterProgramme', '2025-02-01', { programme: 'CEJ', plannedEndOn: '2026-01-01' }),
    )
    expect(closedOn(inCej, '2025-07-01')).toEqual([])
    // … until the CEJ ends: the journey then ages out on the 1st of the next month, as it would for
    // anyone whose 26th birthday fell in the month the CEJ ended (a closing on the day would tell RQTH).
    expect(closedOn(inCej, '2026-01-31')).toEqual([])
    expect(closedOn(inCej, '2026-02-01')).toEqual(['2026-02-01'])
    const exited = [
      ...inCej,
      ...eventsOf(inCej, j.command('ExitProgramme', '2025-09-01', { reason: 'autonomy' })),
    ]
    expect(closedOn(exited, '2025-09-30')).toEqual([])
    expect(closedOn(exited, '2025-10-01')).toEqual(['2025-10-01'])
    // Registered past 26 with RQTH (CEJ only): the policy delay to enter the CEJ (to 9 February),
    // then out on the next 1st.
    const lateRqth = j.command('RegisterYouth', '2025-01-10', {
      counsellorId: 'c-1',
      birthDate: '1997-06-15',
      rqth: true,
      personalData: null,
    })
    expect(closedOn(j.history(lateRqth), '2025-02-28')).toEqual([])
    expect(closedOn(j.history(lateRqth), '2025-03-01')).toEqual(['2025-03-01'])
  })
})
