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
const prescribe = (on: string, heldOn: string, registrations = 3, capacity = 12) =>
  j.command('PrescribeSession', on, { sessionId: 'ws-1', kind: 'workshop', heldOn, capacity, registrations })
const prescribed = [registered, prescribe('2025-01-12', '2025-01-15')]
const outcome = (on: string, o: string) =>
  j.event('SessionOutcomeRecorded', on, {
    sessionId: 'ws-1',
    kind: 'workshop',
    heldOn: '2025-01-15',
    outcome: o,
  })

describe('collective sessions', () => {
  test('a young person is registered (prescribed) to a session that is not full', () => {
    given(j.history(registered))
      .when(prescribe('2025-01-12', '2025-01-15'))
      .then([
        j.event('SessionPrescribed', '2025-01-12', {
          sessionId: 'ws-1',
          kind: 'workshop',
          heldOn: '2025-01-15',
          counsellorId: 'c-1',
        }),
      ])
    given(j.history(registered))
      .when(prescribe('2025-01-12', '2025-01-15', 12, 12))
      .thenError({ _tag: 'SessionFull', sessionId: 'ws-1', capacity: 12, registrations: 12 })
    given(j.history(registered))
      .when(prescribe('2025-01-12', '2025-01-15', 0, 0))
      .thenError('InvalidCapacity')
    given(j.history(registered))
      .when(prescribe('2025-01-12', '2025-01-11'))
      .thenError({ _tag: 'SessionBeforePrescription', on: '2025-01-12', heldOn: '2025-01-11' })
    given(j.history(...prescribed))
      .when(prescribe('2025-01-13', '2025-01-20'))
      .thenError({ _tag: 'DuplicateSession', sessionId: 'ws-1' })
  })

  test('attendance is taken after the session: present is carried out, absent is refused by the young person', () => {
    given(j.history(...prescribed))
      .when(j.command('RecordSessionAttendance', '2025-01-15', { sessionId: 'ws-1', present: true }))
      .thenEndsWith([outcome('2025-01-15', 'carried-out')])
    given(j.history(...prescribed))
      .when(j.command('RecordSessionAttendance', '2025-01-16', { sessionId: 'ws-1', present: false }))
      .thenEndsWith([outcome('2025-01-16', 'refused-by-youth')])
    given(j.history(...prescribed))
      .when(j.command('RecordSessionAttendance', '2025-01-14', { sessionId: 'ws-1', present: true }))
      .thenError({ _tag: 'AttendanceBeforeSession', on: '2025-01-14', heldOn: '2025-01-15' })
  })

  test('a registration is refused by the young person or a third party, once, never before it was made', () => {
    given(j.history(...prescribed))
      .when(j.command('RefuseSession', '2025-01-13', { sessionId: 'ws-1', by: 'third-party' }))
      .then([outcome('2025-01-13', 'refused-by-third-party')])
    given(j.history(...prescribed))
      .when(j.command('RefuseSession', '2025-01-11', { sessionId: 'ws-1', by: 'youth' }))
      .thenError({ _tag: 'DatedBeforePrescription', on: '2025-01-11', prescribedOn: '2025-01-12' })
    given(
      j.history(...prescribed, j.command('RefuseSession', '2025-01-13', { sessionId: 'ws-1', by: 'youth' })),
    )
      .when(j.command('RecordSessionAttendance', '2025-01-15', { sessionId: 'ws-1', present: true }))
      .thenError({ _tag: 'SessionOutcomeAlreadyRecorded', outcome: 'refused-by-youth' })
    given(j.history(registered))
      .when(j.command('RefuseSession', '2025-01-13', { sessionId: 'ws-9', by: 'youth' }))
      .thenError({ _tag: 'UnknownSession', sessionId: 'ws-9' })
  })

  test('reminders fall due 7 days and 1 day before a session the young person is registered to', () => {
    given(j.history(registered, prescribe('2025-01-11', '2025-01-20')))
      .when(j.command('ApplyTimeRules', '2025-01-19', {}))
      .then([
        j.event('SessionReminderDue', '2025-01-13', {
          sessionId: 'ws-1',
          heldOn: '2025-01-20',
          daysBefore: 7,
        }),
        j.event('SessionReminderDue', '2025-01-19', {
          sessionId: 'ws-1',
          heldOn: '2025-01-20',
          daysBefore: 1,
        }),
      ])
  })
})
