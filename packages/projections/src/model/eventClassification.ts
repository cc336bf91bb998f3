import type { JourneyEvent, JourneyEventType } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model: how every journey event stands to the young person. The one place an indicator asks
// "did this involve the young person?" — "in contact" (docs/domain.md: an interview, a kept
// appointment, a proposal, a situation; not an automatic expiry, a missed appointment or a
// closure). Every event type is classified here, so a new type does not compile until it is.
// ---------------------------------------------------------------------------------------------

/**
 * - `contact`: the young person took part (a reception, a request, a kept appointment, a proposal
 *   offered or answered, a programme or a situation entered);
 * - `absence`: the young person was expected and did not come;
 * - `record`: a counsellor, a third party or the system recorded something without them;
 * - `time-driven`: a time rule recorded it when a date fell due (overdue, expiry, term, age limit).
 */
export type Involvement = 'contact' | 'absence' | 'record' | 'time-driven'

/** The involvements, in the order the README lists them. */
export const involvements: ReadonlyArray<Involvement> = ['contact', 'absence', 'record', 'time-driven']

type ClassifyEach = {
  readonly [T in JourneyEventType]: Involvement | ((e: Extract<JourneyEvent, { type: T }>) => Involvement)
}

/** The classification, event type by event type (a function where the fields decide). */
export const eventInvolvement: ClassifyEach = {
  YouthRegistered: 'contact',
  CounsellorAssigned: 'record',
  JourneyTransferred: 'record',
  RequestRecorded: 'contact',
  DiagnosticCompleted: 'contact',
  ProgrammeEntered: 'contact',
  ProgrammeExtended: 'record',
  // A programme ending at its term, at the age limit or with the journey is the clock's doing; any
  // other end is a decision recorded about the young person, not a meeting with them.
  ProgrammeExited: (e) =>
    e.reason === 'term-reached' || e.reason === 'age-limit' || e.reason === 'journey-closed'
      ? 'time-driven'
      : 'record',
  PaceaPhaseStarted: 'record',
  PaceaPhaseEnded: 'record',
  ProposalOffered: 'contact',
  ProposalAccepted: 'contact',
  // The young person carried it out or refused it; a third party's refusal, an expiry or the
  // closure's "closed without follow-up" involves them not.
  ProposalOutcomeRecorded: (e) =>
    e.outcome === 'carried-out' || e.outcome === 'refused-by-youth'
      ? 'contact'
      : e.outcome === 'expired'
        ? 'time-driven'
        : 'record',
  TrainingStarted: 'contact',
  TrainingEnded: 'record',
  EmploymentStarted: 'contact',
  EmploymentEnded: 'record',
  SituationStarted: 'contact',
  SituationEnded: 'record',
  ImmersionRenewed: 'contact',
  FollowUpScheduled: 'record',
  FollowUpRescheduled: 'record',
  FollowUpKept: 'contact',
  FollowUpMissed: 'absence',
  FollowUpCancelled: 'record',
  FollowUpDue: 'time-driven',
  // Attendance not known (*Non précisé*): nobody can say the young person came.
  FollowUpMarkedUnspecified: 'record',
  FollowUpReminderDue: 'time-driven',
  SessionPrescribed: 'contact',
  // Attended: a contact. Refused by the young person before the session: an answer, a contact;
  // on or after it, the absent registrant's refusal: an absence.
  SessionOutcomeRecorded: (e) =>
    e.outcome === 'carried-out'
      ? 'contact'
      : e.outcome === 'refused-by-youth'
        ? e.on < e.heldOn
          ? 'contact'
          : 'absence'
        : 'record',
  SessionReminderDue: 'time-driven',
  SituationOngoingAtExit: 'record',
  JourneyClosed: (e) => (e.reason === 'age-limit' ? 'time-driven' : 'record'),
  JourneyReopened: 'contact',
  PersonalDataErased: 'record',
  IdentityRectified: 'record',
  // The CEJ's engagement: declaring an activity and being heard involve the young person; a
  // validation, the allowance, a breach, a sanction and the waiting period are recorded about them.
  ActivityDeclared: 'contact',
  ActivityValidated: 'record',
  CejAllowanceSet: 'record',
  CejBreachRecorded: 'record',
  CejHearingHeld: 'contact',
  CejSanctionDecided: 'record',
  CejWaitingPeriodShortened: 'record',
}

/** How the event stands to the young person. */
export const involvementOf = (e: JourneyEvent): Involvement => {
  const rule = eventInvolvement[e.type] as Involvement | ((e: JourneyEvent) => Involvement)
  return typeof rule === 'function' ? rule(e) : rule
}

/** Whether the event is a contact with the young person (counts for "in contact"). */
export const isContact = (e: JourneyEvent): boolean => involvementOf(e) === 'contact'
