import { positiveExitReasons, type JourneyEvent, type RecordedEvent } from '@parcours/domain'
import { addMonths, daysBetween, monthOf } from '../model/dates.js'
import type { DocMap } from '../model/docMap.js'
import type { Draft, Writable } from '../model/draft.js'
import { isContact } from '../model/eventClassification.js'
import { type KeyedProjection, keyedProjection } from '../model/projection.js'
import { isFirstRegistration, isNextInStream, youthHeaderOf } from '../model/streamGuard.js'
import {
  addDocs,
  count,
  cellKey,
  counsellorKey,
  type CounsellorCaseload,
  type DashboardCell,
  type DashboardDoc,
  type DashboardYouth,
  emptyCell,
  funnelSteps,
  youthKey,
} from './documents.js'

// ---------------------------------------------------------------------------------------------
// the steering dashboard: counters per mission locale × month, caseload per counsellor, and
// what each young person's own history needs (first proposal seen, contacts, open or not).
// ---------------------------------------------------------------------------------------------

/** The dashboard read model. */
export type DashboardReadModel = DocMap<DashboardDoc>

const SEEN_TIMES = 5

type Cell = Writable<DashboardCell>
type Youth = Writable<DashboardYouth>

// One event's work: the batch's draft and the young person's document, the batch's own.
interface Step {
  readonly draft: Draft<DashboardDoc>
  readonly youth: Youth
}

/** The counters of a mission locale in the month of `on`, the batch's own to change. */
const cellAt = (s: Step, missionLocaleId: string, on: string): Cell => {
  const month = monthOf(on)
  const key = cellKey(missionLocaleId, month)
  return s.draft.edit<DashboardCell>(key) ?? s.draft.put(key, emptyCell(missionLocaleId, month))
}

const moveCaseload = (s: Step, missionLocaleId: string, counsellorId: string, by: number): void => {
  const key = counsellorKey(missionLocaleId, counsellorId)
  const doc =
    s.draft.edit<CounsellorCaseload>(key) ??
    s.draft.put<CounsellorCaseload>(key, {
      kind: 'counsellor',
      missionLocaleId,
      counsellorId,
      openJourneys: 0,
    })
  doc.openJourneys += by
}

const countContact = (s: Step, e: JourneyEvent): void => {
  if (!isContact(e)) return
  const contact = `${e.missionLocaleId}|${monthOf(e.on)}`
  if (s.youth.contactMonths.includes(contact)) return
  s.youth.contactMonths.push(contact)
  cellAt(s, e.missionLocaleId, e.on).inContact++
}

const daysSinceRegistration = (y: Youth, on: string): string =>
  String(Math.max(0, daysBetween(y.registeredOn, on)))

const register = (e: Extract<JourneyEvent, { type: 'YouthRegistered' }>, revision: number): Youth => ({
  ...youthHeaderOf(e, revision),
  registeredOn: e.on,
  registeredMissionLocaleId: e.missionLocaleId,
  firstProposalCounted: false,
  firstEntryCounted: false,
  positiveExitSeen: false,
  funnelStage: 0,
  interviewsInFirstYear: 0,
  plannedInterviews: [],
  becameDue: {},
  programme: null,
  contactMonths: [],
})

const countFirstEntry = (s: Step, e: JourneyEvent): void => {
  if (s.youth.firstEntryCounted) return
  count(cellAt(s, e.missionLocaleId, e.on).daysToFirstEntry, daysSinceRegistration(s.youth, e.on))
  s.youth.firstEntryCounted = true
}

/**
 * The steps of the funnel the young person has reached: the longest prefix of (a proposal, a
 * training or job entry, a positive exit) they have had, in any order. Newly reached steps count
 * in their registration cohort, so each step stays a subset of the one before.
 */
const advanceFunnel = (s: Step): void => {
  const y = s.youth
  const reached = !y.firstProposalCounted ? 0 : !y.firstEntryCounted ? 1 : !y.positiveExitSeen ? 2 : 3
  if (reached <= y.funnelStage) return
  const funnel = (cellAt(s, y.registeredMissionLocaleId, y.registeredOn).cohortFunnel ??= {})
  for (const step of funnelSteps.slice(y.funnelStage, reached)) count(funnel, step)
  y.funnelStage = reached
}

const countKept = (s: Step, e: Extract<JourneyEvent, { type: 'FollowUpKept' }>): void => {
  const c = cellAt(s, e.missionLocaleId, e.on)
  c.followUpsKept++
  const y = s.youth
  if (!y.plannedInterviews.includes(e.followUpId)) return
  c.interviews++
  const inFirstYear = e.on >= y.registeredOn && e.on < addMonths(y.registeredOn, 12)
  if (!inFirstYear || y.interviewsInFirstYear >= SEEN_TIMES) return
  y.interviewsInFirstYear++
  if (y.interviewsInFirstYear === SEEN_TIMES)
    cellAt(s, y.registeredMissionLocaleId, y.registeredOn).cohortSeenFiveTimes++
}

/**
 * FollowUpDue is dated on the appointment's date: an appointment attended, missed, marked, moved or
 * cancelled by the end of that day was never overdue, and leaves the overdue count it entered.
 */
const resolveDue = (s: Step, followUpId: string, on: string): void => {
  const due = s.youth.becameDue[followUpId]
  if (due === undefined) return
  if (on <= due.on) cellAt(s, due.missionLocaleId, due.on).followUpsOverdue--
  delete s.youth.becameDue[followUpId]
}

/** A follow-up is no longer pending: it leaves the planned interviews and the overdue ones. */
const settle = (s: Step, followUpId: string, on: string): void => {
  resolveDue(s, followUpId, on)
  const planned = s.youth.plannedInterviews
  const at = planned.indexOf(followUpId)
  if (at >= 0) s.youth.plannedInterviews = planned.filter((id) => id !== followUpId)
}

const applyToYouth = (s: Step, e: JourneyEvent): void => {
  const y = s.youth
  switch (e.type) {
    case 'CounsellorAssigned':
      if (y.open && y.counsellorId !== e.counsellorId) {
        moveCaseload(s, y.missionLocaleId, y.counsellorId, -1)
        moveCaseload(s, y.missionLocaleId, e.counsellorId, 1)
      }
      y.counsellorId = e.counsellorId
      return
    case 'JourneyTransferred':
      if (y.open) {
        const p = y.programme
        const from = cellAt(s, y.missionLocaleId, e.on)
        from.transfersOut++
        if (p !== null) count(from.programmeTransfersOut, p)
        const to = cellAt(s, e.missionLocaleId, e.on)
        to.transfersIn++
        if (p !== null) count(to.programmeTransfersIn, p)
        moveCaseload(s, y.missionLocaleId, y.counsellorId, -1)
        moveCaseload(s, e.missionLocaleId, e.counsellorId, 1)
      }
      y.missionLocaleId = e.missionLocaleId
      y.counsellorId = e.counsellorId
      return
    case 'ProgrammeEntered':
      count(cellAt(s, e.missionLocaleId, e.on).programmeEntries, e.programme)
      y.programme = e.programme
      return
    case 'ProgrammeExited': {
      if (y.programme === null) return
      const exits = cellAt(s, e.missionLocaleId, e.on).programmeExits
      count((exits[e.programme] ??= {}), e.reason)
      y.programme = null
      return
    }
    case 'ProposalOffered': {
      const c = cellAt(s, e.missionLocaleId, e.on)
      count(c.proposalsByTheme, e.theme)
      if (e.partnerOffer !== null) count((c.proposalsFromPartners ??= {}), 'job-offer')
      if (e.training !== null) count((c.proposalsFromPartners ??= {}), 'training-session')
      if (y.firstProposalCounted) return
      count(c.daysToFirstProposal, daysSinceRegistration(y, e.on))
      y.firstProposalCounted = true
      return
    }
    case 'ProposalOutcomeRecorded':
      count(cellAt(s, e.missionLocaleId, e.on).proposalsByOutcome, e.outcome)
      return
    case 'TrainingStarted': {
      const c = cellAt(s, e.missionLocaleId, e.on)
      c.trainingEntries++
      if (e.qualifying) c.qualifyingTrainingEntries++
      return countFirstEntry(s, e)
    }
    case 'EmploymentStarted': {
      const c = cellAt(s, e.missionLocaleId, e.on)
      if (e.durable) c.durableEmploymentEntries++
      else c.otherEmploymentEntries++
      return countFirstEntry(s, e)
    }
    case 'SituationStarted':
      if (e.kind === 'immersion') {
        const c = cellAt(s, e.missionLocaleId, e.on)
        c.immersionEntries = (c.immersionEntries ?? 0) + 1
      }
      return
    case 'FollowUpScheduled':
      if (e.kind === 'individual-interview' && !y.plannedInterviews.includes(e.followUpId))
        y.plannedInterviews.push(e.followUpId)
      return
    case 'FollowUpKept':
      countKept(s, e)
      return settle(s, e.followUpId, e.on)
    case 'FollowUpMissed':
      cellAt(s, e.missionLocaleId, e.on).followUpsMissed++
      return settle(s, e.followUpId, e.on)
    case 'FollowUpMarkedUnspecified':
      cellAt(s, e.missionLocaleId, e.on).followUpsUnspecified++
      return settle(s, e.followUpId, e.on)
    case 'FollowUpCancelled':
      return settle(s, e.followUpId, e.on)
    case 'FollowUpRescheduled':
      return resolveDue(s, e.followUpId, e.on)
    case 'FollowUpDue':
      if (y.becameDue[e.followUpId] !== undefined) return
      cellAt(s, e.missionLocaleId, e.on).followUpsOverdue++
      y.becameDue[e.followUpId] = { on: e.on, missionLocaleId: e.missionLocaleId }
      return
    case 'JourneyClosed': {
      if (!y.open) return
      const c = cellAt(s, y.missionLocaleId, e.on)
      c.journeysClosed++
      count(c.exitsByReason, e.reason)
      if (positiveExitReasons.includes(e.reason)) y.positiveExitSeen = true
      moveCaseload(s, y.missionLocaleId, y.counsellorId, -1)
      y.open = false
      y.plannedInterviews = []
      y.becameDue = {}
      return
    }
    case 'JourneyReopened':
      if (y.open) return
      cellAt(s, y.missionLocaleId, e.on).journeysOpened++
      moveCaseload(s, y.missionLocaleId, e.counsellorId, 1)
      y.open = true
      y.counsellorId = e.counsellorId
      return
    default:
      return
  }
}

const step = (draft: Draft<DashboardDoc>, recorded: RecordedEvent<JourneyEvent>): void => {
  const e = recorded.event
  const key = youthKey(e.youthId)
  const existing = draft.get(key) as DashboardYouth | undefined
  const revision = Number(recorded.revision)
  let s: Step
  if (e.type === 'YouthRegistered' && isFirstRegistration(existing, recorded)) {
    s = { draft, youth: draft.put(key, register(e, revision)) }
    const c = cellAt(s, e.missionLocaleId, e.on)
    c.firstReceptions++
    c.journeysOpened++
    moveCaseload(s, e.missionLocaleId, e.counsellorId, 1)
  } else if (isNextInStream(existing, recorded)) {
    const youth = draft.edit<DashboardYouth>(key)
    if (youth === undefined) return
    youth.revision = revision
    s = { draft, youth }
    applyToYouth(s, e)
    advanceFunnel(s)
  } else {
    return
  }
  countContact(s, e)
}

/** The steering dashboard projection (see README for each indicator's definition). */
export const dashboardProjection: KeyedProjection<DashboardDoc> = keyedProjection({
  name: 'dashboard',
  version: 3,
  step,
  merge: (_key, a, b) => (a.kind === 'youth' ? a : addDocs(a, b)),
  // A young person's document is their stream's; cells and caseloads are sums.
  streamDocuments: (key) => key.startsWith('youth:'),
})
