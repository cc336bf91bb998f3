import type { JourneyEvent, JourneyEventType } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model: what a partner app hears of a journey, in i-milo's terms — a notice names the journey
// (pseudonymous id), the object that changed (i-milo's RDV, SESSION, DOSSIER and the few others a
// partner follows), what happened to it (CREATE, UPDATE, DELETE, ARCHIVE) and a date. A notice
// never carries a field of the event: no comment, no identity, no amount. The partner fetches
// the object itself, under its convention.
// ---------------------------------------------------------------------------------------------

/** What a notice is about. */
export const noticeObjects = [
  'journey',
  'appointment',
  'session',
  'proposal',
  'programme',
  'situation',
  'activity',
] as const
/** One of `noticeObjects`. */
export type NoticeObject = (typeof noticeObjects)[number]

/** What happened to the object. */
export const noticeActions = ['created', 'updated', 'deleted', 'archived'] as const
/** One of `noticeActions`. */
export type NoticeAction = (typeof noticeActions)[number]

/** The notice one event gives: its object, the object's id (null for the journey), the action. */
export interface NoticeOf {
  readonly object: NoticeObject
  readonly objectId: string | null
  readonly action: NoticeAction
}

type NoticeEach = {
  readonly [T in JourneyEventType]: ((e: Extract<JourneyEvent, { type: T }>) => NoticeOf) | null
}

const journey = (action: NoticeAction) => (): NoticeOf => ({ object: 'journey', objectId: null, action })
const of =
  <E>(object: NoticeObject, action: NoticeAction, id: (e: E) => string) =>
  (e: E): NoticeOf => ({ object, objectId: id(e), action })
const appointment = (action: NoticeAction) =>
  of<{ readonly followUpId: string }>('appointment', action, (e) => e.followUpId)
const session = (action: NoticeAction) =>
  of<{ readonly sessionId: string }>('session', action, (e) => e.sessionId)
const proposal = (action: NoticeAction) =>
  of<{ readonly proposalId: string }>('proposal', action, (e) => e.proposalId)
const programme = (action: NoticeAction) =>
  of<{ readonly programme: string }>('programme', action, (e) => e.programme)
const phase = of<{ readonly phaseId: string }>('programme', 'updated', () => 'PACEA')
const situation = <E>(action: NoticeAction, id: (e: E) => string) => of<E>('situation', action, id)
const activity = (action: NoticeAction) =>
  of<{ readonly activityId: string }>('activity', action, (e) => e.activityId)

/**
 * The notice of each event type, or null when partners hear nothing of it: reminders and overdue
 * notices (the clock's), and the CEJ's allowance, breaches, hearings, sanctions and waiting period
 * (between the young person and the mission locale). A new event type does not compile until it
 * is placed here.
 */
export const noticeOfEventType: NoticeEach = {
  YouthRegistered: journey('created'),
  CounsellorAssigned: journey('updated'),
  JourneyTransferred: journey('updated'),
  RequestRecorded: journey('updated'),
  DiagnosticCompleted: journey('updated'),
  ProgrammeEntered: programme('created'),
  ProgrammeExtended: programme('updated'),
  ProgrammeExited: programme('archived'),
  PaceaPhaseStarted: phase,
  PaceaPhaseEnded: phase,
  ProposalOffered: proposal('created'),
  ProposalAccepted: proposal('updated'),
  ProposalOutcomeRecorded: proposal('archived'),
  TrainingStarted: situation('created', (e: { trainingId: string }) => e.trainingId),
  TrainingEnded: situation('archived', (e: { trainingId: string }) => e.trainingId),
  EmploymentStarted: situation('created', (e: { employmentId: string }) => e.employmentId),
  EmploymentEnded: situation('archived', (e: { employmentId: string }) => e.employmentId),
  SituationStarted: situation('created', (e: { situationId: string }) => e.situationId),
  SituationEnded: situation('archived', (e: { situationId: string }) => e.situationId),
  ImmersionRenewed: situation('updated', (e: { situationId: string }) => e.situationId),
  SituationOngoingAtExit: situation('archived', (e: { situationId: string }) => e.situationId),
  FollowUpScheduled: appointment('created'),
  FollowUpRescheduled: appointment('updated'),
  FollowUpKept: appointment('updated'),
  FollowUpMissed: appointment('updated'),
  FollowUpMarkedUnspecified: appointment('updated'),
  FollowUpCancelled: appointment('deleted'),
  FollowUpDue: null,
  FollowUpReminderDue: null,
  SessionPrescribed: session('created'),
  SessionOutcomeRecorded: session('updated'),
  SessionReminderDue: null,
  JourneyClosed: journey('archived'),
  JourneyReopened: journey('updated'),
  // The partner must drop what it copied of the young person's identity.
  PersonalDataErased: journey('deleted'),
  IdentityRectified: journey('updated'),
  ActivityDeclared: activity('created'),
  ActivityValidated: activity('updated'),
  CejAllowanceSet: null,
  CejBreachRecorded: null,
  CejHearingHeld: null,
  CejSanctionDecided: null,
  CejWaitingPeriodShortened: null,
}

/** The notice an event gives partners, or null. */
export const noticeOf = (e: JourneyEvent): NoticeOf | null => {
  const rule = noticeOfEventType[e.type] as ((e: JourneyEvent) => NoticeOf) | null
  return rule === null ? null : rule(e)
}

/**
 * The date a notice carries: the event's business date, but only the first of its month for what
 * a closure records — an age-out is dated on the 26th (or 30th) birthday, and everything the
 * closure ends is dated with it, so such a day would give the birth date away. A cancelled
 * appointment is one of them, and cannot be told from one cancelled by a counsellor: every
 * cancellation carries its month.
 */
export const noticeDateOf = (e: JourneyEvent): string => {
  const closing =
    e.type === 'JourneyClosed' ||
    e.type === 'FollowUpCancelled' ||
    e.type === 'SituationOngoingAtExit' ||
    (e.type === 'ProgrammeExited' && (e.reason === 'age-limit' || e.reason === 'journey-closed')) ||
    ((e.type === 'ProposalOutcomeRecorded' || e.type === 'SessionOutcomeRecorded') &&
      e.outcome === 'closed-without-follow-up')
  return closing ? `${e.on.slice(0, 7)}-01` : e.on
}
