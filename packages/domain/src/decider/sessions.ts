import type { SessionId } from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import type { RegisteredJourney, SessionState } from '../model/state.js'
import { entryOf } from '../model/state.js'
import type { SessionOutcome } from '../model/vocabulary.js'
import type { Decision, Rule } from './decision.js'
import { accept, refuse, stamp } from './decision.js'

// ---------------------------------------------------------------------------------------------
// Collective sessions (workshops, information sessions): the young person's registration is
// prescribed, then refused before the session or settled by the attendance taken after it.
// ---------------------------------------------------------------------------------------------

const isCount = (n: number, from: number): boolean => Number.isInteger(n) && n >= from

/** Register the young person to a session that is not full (its capacity and registrations come from the shell). */
export const prescribeSession: Rule<'PrescribeSession'> = (c, s) => {
  if (entryOf(s.sessions, c.sessionId) !== undefined)
    return refuse({ _tag: 'DuplicateSession', sessionId: c.sessionId })
  if (!isCount(c.capacity, 1) || !isCount(c.registrations, 0))
    return refuse({ _tag: 'InvalidCapacity', capacity: c.capacity, registrations: c.registrations })
  if (c.registrations >= c.capacity)
    return refuse({
      _tag: 'SessionFull',
      sessionId: c.sessionId,
      capacity: c.capacity,
      registrations: c.registrations,
    })
  if (c.heldOn < c.on) return refuse({ _tag: 'SessionBeforePrescription', on: c.on, heldOn: c.heldOn })
  return accept({
    type: 'SessionPrescribed',
    ...stamp(s, c.on),
    sessionId: c.sessionId,
    kind: c.kind,
    heldOn: c.heldOn,
    counsellorId: s.counsellorId,
  })
}

const withOpenRegistration = (
  s: RegisteredJourney,
  sessionId: SessionId,
  on: LocalDate,
  then: (x: SessionState) => Decision,
): Decision => {
  const x = entryOf(s.sessions, sessionId)
  if (x === undefined) return refuse({ _tag: 'UnknownSession', sessionId })
  if (x.outcome !== null)
    return refuse({ _tag: 'SessionOutcomeAlreadyRecorded', sessionId, outcome: x.outcome })
  if (on < x.prescribedOn)
    return refuse({ _tag: 'DatedBeforePrescription', sessionId, on, prescribedOn: x.prescribedOn })
  return then(x)
}

const outcome = (
  s: RegisteredJourney,
  sessionId: SessionId,
  on: LocalDate,
  x: SessionState,
  o: SessionOutcome,
) =>
  accept({
    type: 'SessionOutcomeRecorded',
    ...stamp(s, on),
    sessionId,
    kind: x.kind,
    heldOn: x.heldOn,
    outcome: o,
  })

/** The young person or a third party refused the session. */
export const refuseSession: Rule<'RefuseSession'> = (c, s) =>
  withOpenRegistration(s, c.sessionId, c.on, (x) =>
    outcome(s, c.sessionId, c.on, x, c.by === 'youth' ? 'refused-by-youth' : 'refused-by-third-party'),
  )

/** Attendance, taken on or after the session: present → carried out, absent → refused by the young person. */
export const recordSessionAttendance: Rule<'RecordSessionAttendance'> = (c, s) =>
  withOpenRegistration(s, c.sessionId, c.on, (x) =>
    c.on < x.heldOn
      ? refuse({ _tag: 'AttendanceBeforeSession', sessionId: c.sessionId, on: c.on, heldOn: x.heldOn })
      : outcome(s, c.sessionId, c.on, x, c.present ? 'carried-out' : 'refused-by-youth'),
  )
