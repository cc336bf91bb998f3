import type { JourneyEvent, RecordedEvent } from '@parcours/domain'
import { addMonths, daysBetween, monthOf } from '../model/dates.js'
import { type DocMap, emptyDocMap, getDoc, setDoc } from '../model/docMap.js'
import { isContact } from '../model/eventClassification.js'
import type { KeyedProjection } from '../model/projection.js'
import { isFirstRegistration, isNextInStream, youthHeaderOf } from '../model/streamGuard.js'
import {
  addDocs,
  bump,
  cellKey,
  counsellorKey,
  type CounsellorCaseload,
  type DashboardCell,
  type DashboardDoc,
  type DashboardYouth,
  emptyCell,
  youthKey,
} from './documents.js'

// ---------------------------------------------------------------------------------------------
// the steering dashboard: counters per mission locale × month, caseload per counsellor, and
// what each young person's own history needs (first proposal seen, contacts, open or not).
// ---------------------------------------------------------------------------------------------

/** The dashboard read model. */
export type DashboardReadModel = DocMap<DashboardDoc>

const SEEN_TIMES = 5

type Step = { rm: DashboardReadModel; youth: DashboardYouth }

const updateCell = (
  s: Step,
  missionLocaleId: string,
  on: string,
  f: (c: DashboardCell) => Partial<DashboardCell>,
): void => {
  const key = cellKey(missionLocaleId, monthOf(on))
  const cell = (getDoc(s.rm, key) as DashboardCell | undefined) ?? emptyCell(missionLocaleId, monthOf(on))
  s.rm = setDoc(s.rm, key, { ...cell, ...f(cell) })
}

const moveCaseload = (s: Step, missionLocaleId: string, counsellorId: string, by: number): void => {
  const key = counsellorKey(missionLocaleId, counsellorId)
  const doc = (getDoc(s.rm, key) as CounsellorCaseload | undefined) ?? {
    kind: 'counsellor',
    missionLocaleId,
    counsellorId,
    openJourneys: 0,
  }
  s.rm = setDoc(s.rm, key, { ...doc, openJourneys: doc.openJourneys + by })
}

const youthUpdate = (s: Step, patch: Partial<DashboardYouth>): void => {
  s.youth = { ...s.youth, ...patch }
}

const countContact = (s: Step, e: JourneyEvent): void => {
  if (!isContact(e)) return
  const contact = `${e.missionLocaleId}|${monthOf(e.on)}`
  if (s.youth.contactMonths.includes(contact)) return
  youthUpdate(s, { contactMonths: [...s.youth.contactMonths, contact] })
  updateCell(s, e.missionLocaleId, e.on, (c) => ({ inContact: c.inContact + 1 }))
}

const daysSinceRegistration = (y: DashboardYouth, on: string): string =>
  String(Math.max(0, daysBetween(y.registeredOn, on)))

const register = (
  e: Extract<JourneyEvent, { type: 'YouthRegistered' }>,
  revision: number,
): DashboardYouth => ({
  ...youthHeaderOf(e, revision),
  registeredOn: e.on,
  registeredMissionLocaleId: e.missionLocaleId,
  firstProposalCounted: false,
  firstEntryCounted: false,
  interviewsInFirstYear: 0,
  plannedInterviews: [],
  becameDue: {},
  programme: null,
  contactMonths: [],
})

const countFirstEntry = (s: Step, e: JourneyEvent): void => {
  if (s.youth.firstEntryCounted) return
  const days = daysSinceRegistration(s.youth, e.on)
  updateCell(s, e.missionLocaleId, e.on, (c) => ({ daysToFirstEntry: bump(c.daysToFirstEntry, days) }))
  youthUpdate(s, { firstEntryCounted: true })
}

const countKept = (s: Step, e: Extract<JourneyEvent, { type: 'FollowUpKept' }>): void => {
  updateCell(s, e.missionLocaleId, e.on, (c) => ({ followUpsKept: c.followUpsKept + 1 }))
  if (!s.youth.plannedInterviews.includes(e.followUpId)) return
  updateCell(s, e.missionLocaleId, e.on, (c) => ({ interviews: c.interviews + 1 }))
  const y = s.youth
  const inFirstYear = e.on >= y.registeredOn && e.on < addMonths(y.registeredOn, 12)
  if (!inFirstYear || y.interviewsInFirstYear >= SEEN_TIMES) return
  youthUpdate(s, { interviewsInFirstYear: y.interviewsInFirstYear + 1 })
  if (y.interviewsInFirstYear + 1 === SEEN_TIMES)
    updateCell(s, y.registeredMissionLocaleId, y.registeredOn, (c) => ({
      cohortSeenFiveTimes: c.cohortSeenFiveTimes + 1,
    }))
}

/**
 * FollowUpDue is dated on the appointment's date: an appointment attended, missed, marked, moved or
 * cancelled by the end of that day was never overdue, and leaves the overdue count it entered.
 */
const resolveDue = (s: Step, followUpId: string, on: string): void => {
  const due = s.youth.becameDue[followUpId]
  if (due === undefined) return
  if (on <= due.on)
    updateCell(s, due.missionLocaleId, due.on, (c) => ({ followUpsOverdue: c.followUpsOverdue - 1 }))
  const { [followUpId]: _gone, ...rest } = s.youth.becameDue
  youthUpdate(s, { becameDue: rest })
}

/** A follow-up is no longer pending: it leaves the planned interviews and the overdue ones. */
const settle = (s: Step, followUpId: string, on: string): void => {
  resolveDue(s, followUpId, on)
  if (s.youth.plannedInterviews.includes(followUpId))
    youthUpdate(s, { plannedInterviews: s.youth.plannedInterviews.filter((id) => id !== followUpId) })
}

const applyToYouth = (s: Step, e: JourneyEvent): void => {
  const y = s.youth
  switch (e.type) {
    case 'CounsellorAssigned':
      if (y.open && y.counsellorId !== e.counsellorId) {
        moveCaseload(s, y.missionLocaleId, y.counsellorId, -1)
        moveCaseload(s, y.missionLocaleId, e.counsellorId, 1)
      }
      return youthUpdate(s, { counsellorId: e.counsellorId })
    case 'JourneyTransferred':
      if (y.open) {
        const p = y.programme
        updateCell(s, y.missionLocaleId, e.on, (c) => ({
          transfersOut: c.transfersOut + 1,
          ...(p === null ? {} : { programmeTransfersOut: bump(c.programmeTransfersOut, p) }),
        }))
        updateCell(s, e.missionLocaleId, e.on, (c) => ({
          transfersIn: c.transfersIn + 1,
          ...(p === null ? {} : { programmeTransfersIn: bump(c.programmeTransfersIn, p) }),
        }))
        moveCaseload(s, y.missionLocaleId, y.counsellorId, -1)
        moveCaseload(s, e.missionLocaleId, e.counsellorId, 1)
      }
      return youthUpdate(s, { missionLocaleId: e.missionLocaleId, counsellorId: e.counsellorId })
    case 'ProgrammeEntered':
      updateCell(s, e.missionLocaleId, e.on, (c) => ({
        programmeEntries: bump(c.programmeEntries, e.programme),
      }))
      return youthUpdate(s, { programme: e.programme })
    case 'ProgrammeExited':
      if (y.programme === null) return
      updateCell(s, e.missionLocaleId, e.on, (c) => ({
        programmeExits: {
          ...c.programmeExits,
          [e.programme]: bump(c.programmeExits[e.programme] ?? {}, e.reason),
        },
      }))
      return youthUpdate(s, { programme: null })
    case 'ProposalOffered': {
      updateCell(s, e.missionLocaleId, e.on, (c) => ({ proposalsByTheme: bump(c.proposalsByTheme, e.theme) }))
      if (y.firstProposalCounted) return
      const days = daysSinceRegistration(y, e.on)
      updateCell(s, e.missionLocaleId, e.on, (c) => ({
        daysToFirstProposal: bump(c.daysToFirstProposal, days),
      }))
      return youthUpdate(s, { firstProposalCounted: true })
    }
    case 'ProposalOutcomeRecorded':
      return updateCell(s, e.missionLocaleId, e.on, (c) => ({
        proposalsByOutcome: bump(c.proposalsByOutcome, e.outcome),
      }))
    case 'TrainingStarted':
      updateCell(s, e.missionLocaleId, e.on, (c) => ({
        trainingEntries: c.trainingEntries + 1,
        qualifyingTrainingEntries: c.qualifyingTrainingEntries + (e.qualifying ? 1 : 0),
      }))
      return countFirstEntry(s, e)
    case 'EmploymentStarted':
      updateCell(s, e.missionLocaleId, e.on, (c) =>
        e.durable
          ? { durableEmploymentEntries: c.durableEmploymentEntries + 1 }
          : { otherEmploymentEntries: c.otherEmploymentEntries + 1 },
      )
      return countFirstEntry(s, e)
    case 'SituationStarted':
      if (e.kind === 'immersion')
        updateCell(s, e.missionLocaleId, e.on, (c) => ({ immersionEntries: (c.immersionEntries ?? 0) + 1 }))
      return
    case 'FollowUpScheduled':
      if (e.kind === 'individual-interview' && !y.plannedInterviews.includes(e.followUpId))
        youthUpdate(s, { plannedInterviews: [...y.plannedInterviews, e.followUpId] })
      return
    case 'FollowUpKept':
      countKept(s, e)
      return settle(s, e.followUpId, e.on)
    case 'FollowUpMissed':
      updateCell(s, e.missionLocaleId, e.on, (c) => ({ followUpsMissed: c.followUpsMissed + 1 }))
      return settle(s, e.followUpId, e.on)
    case 'FollowUpMarkedUnspecified':
      updateCell(s, e.missionLocaleId, e.on, (c) => ({ followUpsUnspecified: c.followUpsUnspecified + 1 }))
      return settle(s, e.followUpId, e.on)
    case 'FollowUpCancelled':
      return settle(s, e.followUpId, e.on)
    case 'FollowUpRescheduled':
      return resolveDue(s, e.followUpId, e.on)
    case 'FollowUpDue':
      if (y.becameDue[e.followUpId] !== undefined) return
      updateCell(s, e.missionLocaleId, e.on, (c) => ({ followUpsOverdue: c.followUpsOverdue + 1 }))
      return youthUpdate(s, {
        becameDue: { ...y.becameDue, [e.followUpId]: { on: e.on, missionLocaleId: e.missionLocaleId } },
      })
    case 'JourneyClosed':
      if (!y.open) return
      updateCell(s, y.missionLocaleId, e.on, (c) => ({
        journeysClosed: c.journeysClosed + 1,
        exitsByReason: bump(c.exitsByReason, e.reason),
      }))
      moveCaseload(s, y.missionLocaleId, y.counsellorId, -1)
      return youthUpdate(s, { open: false, plannedInterviews: [], becameDue: {} })
    case 'JourneyReopened':
      if (y.open) return
      updateCell(s, y.missionLocaleId, e.on, (c) => ({ journeysOpened: c.journeysOpened + 1 }))
      moveCaseload(s, y.missionLocaleId, e.counsellorId, 1)
      return youthUpdate(s, { open: true, counsellorId: e.counsellorId })
    default:
      return
  }
}

const apply = (rm: DashboardReadModel, recorded: RecordedEvent<JourneyEvent>): DashboardReadModel => {
  const e = recorded.event
  const key = youthKey(e.youthId)
  const existing = getDoc(rm, key) as DashboardYouth | undefined
  const revision = Number(recorded.revision)
  let s: Step
  if (e.type === 'YouthRegistered' && isFirstRegistration(existing, recorded)) {
    s = { rm, youth: register(e, revision) }
    updateCell(s, e.missionLocaleId, e.on, (c) => ({
      firstReceptions: c.firstReceptions + 1,
      journeysOpened: c.journeysOpened + 1,
    }))
    moveCaseload(s, e.missionLocaleId, e.counsellorId, 1)
  } else if (isNextInStream(existing, recorded)) {
    s = { rm, youth: { ...existing, revision } }
    applyToYouth(s, e)
  } else {
    return rm
  }
  countContact(s, e)
  return setDoc(s.rm, key, s.youth)
}

/** The steering dashboard projection (see README for each indicator's definition). */
export const dashboardProjection: KeyedProjection<DashboardDoc> = {
  name: 'dashboard',
  version: 2,
  initial: emptyDocMap<DashboardDoc>(),
  apply,
  merge: (_key, a, b) => (a.kind === 'youth' ? a : addDocs(a, b)),
}
