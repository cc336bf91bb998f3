import { describe, expect, test } from 'vitest'
import type { JourneyCommand } from '../model/commands.js'
import { fakeSealed, journeyFixture } from '../testing/fixtures.js'
import { given, givenDecider } from '../testing/givenWhenThen.js'
import { sealAgeLimitsForTest, openingForTest } from '../testing/openedAgeLimits.js'
import { foldJourney } from './evolve.js'
import { createJourneyDecider } from './journeyDecider.js'

const j = journeyFixture()
const registered = j.command('RegisterYouth', '2025-01-10', {
  counsellorId: 'c-1',
  birthDate: '2005-06-15',
  rqth: false,
  personalData: null,
})
const schedule = (followUpId: string, on: string, dueOn: string) =>
  j.command('ScheduleFollowUp', on, { followUpId, dueOn, kind: 'phone-or-video-call' })
const withTwo = [registered, schedule('f-1', '2025-01-12', '2025-01-20')]
const reminder = (on: string, followUpId: string, dueOn: string, daysBefore: number) =>
  j.event('FollowUpReminderDue', on, { followUpId, dueOn, daysBefore })
// f-1's reminders, 7 days and 1 day before it (recorded by the first command dated after them).
const r7 = reminder('2025-01-13', 'f-1', '2025-01-20', 7)
const r1 = reminder('2025-01-19', 'f-1', '2025-01-20', 1)

describe('follow-ups', () => {
  test('a follow-up is scheduled under a new id, due on or after its scheduling', () => {
    given(j.history(registered))
      .when(schedule('f-1', '2025-01-12', '2025-01-20'))
      .then([
        j.event('FollowUpScheduled', '2025-01-12', {
          followUpId: 'f-1',
          dueOn: '2025-01-20',
          kind: 'phone-or-video-call',
          counsellorId: 'c-1',
        }),
      ])
    given(j.history(...withTwo))
      .when(schedule('f-1', '2025-01-12', '2025-01-22'))
      .thenError({ _tag: 'DuplicateFollowUp', followUpId: 'f-1' })
    given(j.history(registered))
      .when(schedule('f-1', '2025-01-12', '2025-01-11'))
      .thenError('DueBeforeScheduled')
  })

  test('a follow-up is rescheduled', () => {
    given(j.history(...withTwo))
      .when(j.command('RescheduleFollowUp', '2025-01-15', { followUpId: 'f-1', dueOn: '2025-01-25' }))
      .then([r7, j.event('FollowUpRescheduled', '2025-01-15', { followUpId: 'f-1', dueOn: '2025-01-25' })])
  })

  test('attendance and moves are never dated before the appointment was planned or last moved', () => {
    const moved = [
      ...withTwo,
      j.command('RescheduleFollowUp', '2025-01-15', { followUpId: 'f-1', dueOn: '2025-01-25' }),
    ]
    given(j.history(...withTwo))
      .when(j.command('KeepFollowUp', '2025-01-11', { followUpId: 'f-1', comment: null }))
      .thenError({ _tag: 'DatedBeforeScheduling', on: '2025-01-11', scheduledOn: '2025-01-12' })
    given(j.history(...moved))
      .when(j.command('RescheduleFollowUp', '2025-01-14', { followUpId: 'f-1', dueOn: '2025-01-30' }))
      .thenError({ _tag: 'DatedBeforeScheduling', on: '2025-01-14', scheduledOn: '2025-01-15' })
    given(j.history(...moved))
      .when(j.command('CancelFollowUp', '2025-01-14', { followUpId: 'f-1' }))
      .thenError('DatedBeforeScheduling')
    given(j.history(...moved))
      .when(j.command('MissFollowUp', '2025-01-14', { followUpId: 'f-1' }))
      .thenError('DatedBeforeScheduling')
  })

  test('a past appointment whose attendance is not known is marked unspecified (Non précisé), only once due', () => {
    given(j.history(...withTwo))
      .when(j.command('MarkFollowUpUnspecified', '2025-01-20', { followUpId: 'f-1' }))
      .then([r7, r1, j.event('FollowUpMarkedUnspecified', '2025-01-20', { followUpId: 'f-1' })])
    given(j.history(...withTwo))
      .when(j.command('MarkFollowUpUnspecified', '2025-01-19', { followUpId: 'f-1' }))
      .thenError({ _tag: 'UnspecifiedBeforeDue', on: '2025-01-19', dueOn: '2025-01-20' })
    given(j.history(...withTwo, j.command('MarkFollowUpUnspecified', '2025-01-20', { followUpId: 'f-1' })))
      .when(j.command('KeepFollowUp', '2025-01-21', { followUpId: 'f-1', comment: null }))
      .thenError({ _tag: 'FollowUpNotPending', status: 'unspecified' })
  })

  test('the statuses are those of i-milo: planned, rescheduled, present, absent, cancelled, unspecified', () => {
    const status = (...commands: ReadonlyArray<JourneyCommand>) => {
      const s = foldJourney(j.history(...commands))
      return s.status === 'unregistered' ? null : s.followUps['f-1']?.status
    }
    expect(status(...withTwo)).toBe('planned')
    expect(
      status(
        ...withTwo,
        j.command('RescheduleFollowUp', '2025-01-15', { followUpId: 'f-1', dueOn: '2025-01-25' }),
      ),
    ).toBe('rescheduled')
    expect(
      status(...withTwo, j.command('KeepFollowUp', '2025-01-20', { followUpId: 'f-1', comment: null })),
    ).toBe('present')
    expect(status(...withTwo, j.command('MissFollowUp', '2025-01-20', { followUpId: 'f-1' }))).toBe('absent')
    expect(status(...withTwo, j.command('CancelFollowUp', '2025-01-15', { followUpId: 'f-1' }))).toBe(
      'cancelled',
    )
    expect(
      status(...withTwo, j.command('MarkFollowUpUnspecified', '2025-01-21', { followUpId: 'f-1' })),
    ).toBe('unspecified')
  })

  test('a follow-up is kept (attended), with a sealed comment', () => {
    given(j.history(...withTwo))
      .when(j.command('KeepFollowUp', '2025-01-20', { followUpId: 'f-1', comment: fakeSealed() }))
      .then([r7, r1, j.event('FollowUpKept', '2025-01-20', { followUpId: 'f-1', comment: fakeSealed() })])
  })

  test('a follow-up is missed (absent), only once due', () => {
    given(j.history(...withTwo))
      .when(j.command('MissFollowUp', '2025-01-20', { followUpId: 'f-1' }))
      .then([r7, r1, j.event('FollowUpMissed', '2025-01-20', { followUpId: 'f-1' })])
    given(j.history(...withTwo))
      .when(j.command('MissFollowUp', '2025-01-19', { followUpId: 'f-1' }))
      .thenError({ _tag: 'MissedBeforeDue', dueOn: '2025-01-20' })
  })

  test('a follow-up is cancelled', () => {
    given(j.history(...withTwo))
      .when(j.command('CancelFollowUp', '2025-01-15', { followUpId: 'f-1' }))
      .then([r7, j.event('FollowUpCancelled', '2025-01-15', { followUpId: 'f-1' })])
  })

  test('keep, miss, cancel and reschedule apply only to pending follow-ups', () => {
    const kept = [...withTwo, j.command('KeepFollowUp', '2025-01-20', { followUpId: 'f-1', comment: null })]
    given(j.history(...kept))
      .when(j.command('MissFollowUp', '2025-01-21', { followUpId: 'f-1' }))
      .thenError({ _tag: 'FollowUpNotPending', status: 'present' })
    given(j.history(...kept))
      .when(j.command('CancelFollowUp', '2025-01-21', { followUpId: 'f-1' }))
      .thenError('FollowUpNotPending')
    given(j.history(...kept))
      .when(j.command('KeepFollowUp', '2025-01-21', { followUpId: 'f-1', comment: null }))
      .thenError('FollowUpNotPending')
    given(j.history(...kept))
      .when(j.command('RescheduleFollowUp', '2025-01-21', { followUpId: 'f-1', dueOn: '2025-02-01' }))
      .thenError('FollowUpNotPending')
    given(j.history(...kept))
      .when(j.command('CancelFollowUp', '2025-01-21', { followUpId: 'f-9' }))
      .thenError('UnknownFollowUp')
  })

  test('an open journey always has a pending follow-up: the policy schedules the next one within 30 days', () => {
    given(j.history(registered))
      .when(j.command('KeepFollowUp', '2025-02-01', { followUpId: 'fu-1', comment: null }))
      .then([
        j.event('FollowUpKept', '2025-02-01', { followUpId: 'fu-1', comment: null }),
        j.event('FollowUpScheduled', '2025-02-01', {
          followUpId: 'fu-2',
          dueOn: '2025-03-03',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
    given(j.history(registered))
      .when(j.command('CancelFollowUp', '2025-01-11', { followUpId: 'fu-1' }))
      .then([
        j.event('FollowUpCancelled', '2025-01-11', { followUpId: 'fu-1' }),
        j.event('FollowUpScheduled', '2025-01-11', {
          followUpId: 'fu-2',
          dueOn: '2025-02-10',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
  })

  test('the next follow-up is due within the cadence: a later one does not count, and a CEJ brings the weekly one at once', () => {
    given(j.history(registered))
      .when(j.command('RescheduleFollowUp', '2025-01-15', { followUpId: 'fu-1', dueOn: '2025-06-01' }))
      .then([
        j.event('FollowUpRescheduled', '2025-01-15', { followUpId: 'fu-1', dueOn: '2025-06-01' }),
        j.event('FollowUpScheduled', '2025-01-15', {
          followUpId: 'fu-2',
          dueOn: '2025-02-14',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
    given(j.history(registered))
      .when(j.command('EnterProgramme', '2025-01-20', { programme: 'CEJ', plannedEndOn: '2026-01-20' }))
      .then([
        j.event('ProgrammeEntered', '2025-01-20', { programme: 'CEJ', plannedEndOn: '2026-01-20' }),
        j.event('FollowUpScheduled', '2025-01-20', {
          followUpId: 'fu-2',
          dueOn: '2025-01-27',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
    given(j.history(registered))
      .when(schedule('f-1', '2025-01-12', '2025-03-01'))
      .then([
        j.event('FollowUpScheduled', '2025-01-12', {
          followUpId: 'f-1',
          dueOn: '2025-03-01',
          kind: 'phone-or-video-call',
          counsellorId: 'c-1',
        }),
      ])
  })

  test('the policy follow-up id skips ids already taken', () => {
    given(
      j.history(
        registered,
        schedule('fu-3', '2025-01-11', '2025-01-12'),
        j.command('CancelFollowUp', '2025-01-11', { followUpId: 'fu-1' }),
      ),
    )
      .when(j.command('KeepFollowUp', '2025-01-12', { followUpId: 'fu-3', comment: null }))
      .then([
        reminder('2025-01-11', 'fu-3', '2025-01-12', 1),
        j.event('FollowUpKept', '2025-01-12', { followUpId: 'fu-3', comment: null }),
        j.event('FollowUpScheduled', '2025-01-12', {
          followUpId: 'fu-4',
          dueOn: '2025-02-11',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
  })

  test('the follow-up cadence is configurable', () => {
    givenDecider(openingForTest(createJourneyDecider({ followUpWithinDays: 14 })))([])
      .when(registered)
      .then([
        j.event('YouthRegistered', '2025-01-10', {
          counsellorId: 'c-1',
          ageBand: '18-21',
          sealedAgeLimits: sealAgeLimitsForTest({ ageLimitOn: '2031-07-01', cejAgeLimitOn: '2031-07-01' }),
          personalData: null,
        }),
        j.event('FollowUpScheduled', '2025-01-10', {
          followUpId: 'fu-1',
          dueOn: '2025-01-24',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
  })
})
