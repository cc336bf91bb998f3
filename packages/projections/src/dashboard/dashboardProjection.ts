import { positiveExitReasons, type JourneyEvent } from '@parcours/domain'
import { addMonths, daysBetween, monthOf } from '../model/dates.js'
import type { DocMap } from '../model/docMap.js'
import type { Draft, Writable } from '../model/draft.js'
import { isContact } from '../model/eventClassification.js'
import { type BatchStep, type KeyedProjection, keyedProjection } from '../model/projection.js'
import { isFirstRegistration, isNextInStream } from '../model/streamGuard.js'
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
type Caseload = Writable<CounsellorCaseload>

/** A cell the batch owns, and the `missionLocaleId|YYYY-MM` a contact in it is remembered by. */
interface CellEntry {
  readonly cell: Cell
  readonly contact: string
}

// What a batch keeps of the documents it owns, so an event finds them without building their
// keys: young people by id, cells by mission locale and date, caseloads by mission locale and
// counsellor. It lives as long as the batch's draft (documents are never removed here).
interface Batch {
  readonly draft: Draft<DashboardDoc>
  readonly youths: Map<string, Youth>
  readonly cells: Map<string, Map<string, CellEntry>>
  readonly caseloads: Map<string, Map<string, Caseload>>
  /** The end of the first year after a registration date. */
  readonly yearEnds: Map<string, string>
}

/** The counters of a mission locale in the month of `on`, the batch's own to change. */
const cellEntry = (b: Batch, missionLocaleId: string, on: string): CellEntry => {
  let byDate = b.cells.get(missionLocaleId)
  if (byDate === undefined) b.cells.set(missionLocaleId, (byDate = new Map()))
  let entry = byDate.get(on)
  if (entry === undefined) {
    const month = monthOf(on)
    const key = cellKey(missionLocaleId, month)
    const cell = b.draft.edit<DashboardCell>(key) ?? b.draft.put(key, emptyCell(missionLocaleId, month))
    entry = { cell, contact: `${missionLocaleId}|${month}` }
    byDate.set(on, entry)
  }
  return entry
}

const cellAt = (b: Batch, missionLocaleId: string, on: string): Cell => cellEntry(b, missionLocaleId, on).cell

const moveCaseload = (b: Batch, missionLocaleId: string, counsellorId: string, by: number): void => {
  let byCounsellor = b.caseloads.get(missionLocaleId)
  if (byCounsellor === undefined) b.caseloads.set(missionLocaleId, (byCounsellor = new Map()))
  let doc = byCounsellor.get(counsellorId)
  if (doc === undefined) {
    const key = counsellorKey(missionLocaleId, counsellorId)
    doc =
      b.draft.edit<CounsellorCaseload>(key) ??
      b.draft.put<CounsellorCaseload>(key, {
        kind: 'counsellor',
        missionLocaleId,
        counsellorId,
        openJourneys: 0,
      })
    byCounsellor.set(counsellorId, doc)
  }
  doc.openJourneys += by
}

const countContact = (b: Batch, y: Youth, e: JourneyEvent): void => {
  if (!isContact(e)) return
  const entry = cellEntry(b, e.missionLocaleId, e.on)
  const months = y.contactMonths
  // Contacts come mostly in date order: the last month seen is the likeliest match.
  if (months.length > 0 && months[months.length - 1] === entry.contact) return
  if (months.includes(entry.contact)) return
  months.push(entry.contact)
  entry.cell.inContact++
}

const daysSinceRegistration = (y: Youth, on: string): string =>
  String(Math.max(0, daysBetween(y.registeredOn, on)))

// Every field written out, in one literal (a spread would give each document a shape of its own).
const register = (e: Extract<JourneyEvent, { type: 'YouthRegistered' }>, revision: number): Youth => ({
  kind: 'youth',
  youthId: e.youthId,
  revision,
  missionLocaleId: e.missionLocaleId,
  counsellorId: e.counsellorId,
  open: true,
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

const countFirstEntry = (b: Batch, y: Youth, e: JourneyEvent): void => {
  if (y.firstEntryCounted) return
  count(cellAt(b, e.missionLocaleId, e.on).daysToFirstEntry, daysSinceRegistration(y, e.on))
  y.firstEntryCounted = true
}

/**
 * The steps of the funnel the young person has reached: the longest prefix of (a proposal, a
 * training or job entry, a positive exit) they have had, in any order. Newly reached steps count
 * in their registration cohort, so each step stays a subset of the one before.
 */
const advanceFunnel = (b: Batch, y: Youth): void => {
  const reached = !y.firstProposalCounted ? 0 : !y.firstEntryCounted ? 1 : !y.positiveExitSeen ? 2 : 3
  if (reached <= y.funnelStage) return
  const funnel = (cellAt(b, y.registeredMissionLocaleId, y.registeredOn).cohortFunnel ??= {})
  for (let step = y.funnelStage; step < reached; step++) count(funnel, funnelSteps[step] as string)
  y.funnelStage = reached
}

const firstYearEnd = (b: Batch, registeredOn: string): string => {
  let end = b.yearEnds.get(registeredOn)
  if (end === undefined) b.yearEnds.set(registeredOn, (end = addMonths(registeredOn, 12)))
  return end
}

const countKept = (b: Batch, y: Youth, e: Extract<JourneyEvent, { type: 'FollowUpKept' }>): void => {
  const c = cellAt(b, e.missionLocaleId, e.on)
  c.followUpsKept++
  if (!y.plannedInterviews.includes(e.followUpId)) return
  c.interviews++
  const inFirstYear = e.on >= y.registeredOn && e.on < firstYearEnd(b, y.registeredOn)
  if (!inFirstYear || y.interviewsInFirstYear >= SEEN_TIMES) return
  y.interviewsInFirstYear++
  if (y.interviewsInFirstYear === SEEN_TIMES)
    cellAt(b, y.registeredMissionLocaleId, y.registeredOn).cohortSeenFiveTimes++
}

/**
 * FollowUpDue is dated on the appointment's date: an appointment attended, missed, marked, moved or
 * cancelled by the end of that day was never overdue, and leaves the overdue count it entered.
 */
const resolveDue = (b: Batch, y: Youth, followUpId: string, on: string): void => {
  const due = y.becameDue[followUpId]
  if (due === undefined) return
  if (on <= due.on) cellAt(b, due.missionLocaleId, due.on).followUpsOverdue--
  delete y.becameDue[followUpId]
}

/** A follow-up is no longer pending: it leaves the planned interviews and the overdue ones. */
const settle = (b: Batch, y: Youth, followUpId: string, on: string): void => {
  resolveDue(b, y, followUpId, on)
  const planned = y.plannedInterviews
  const at = planned.indexOf(followUpId)
  if (at >= 0) planned.splice(at, 1)
}

const applyToYouth = (b: Batch, y: Youth, e: JourneyEvent): void => {
  switch (e.type) {
    case 'CounsellorAssigned':
      if (y.open && y.counsellorId !== e.counsellorId) {
        moveCaseload(b, y.missionLocaleId, y.counsellorId, -1)
        moveCaseload(b, y.missionLocaleId, e.counsellorId, 1)
      }
      y.counsellorId = e.counsellorId
      return
    case 'JourneyTransferred':
      if (y.open) {
        const p = y.programme
        const from = cellAt(b, y.missionLocaleId, e.on)
        from.transfersOut++
        if (p !== null) count(from.programmeTransfersOut, p)
        const to = cellAt(b, e.missionLocaleId, e.on)
        to.transfersIn++
        if (p !== null) count(to.programmeTransfersIn, p)
        moveCaseload(b, y.missionLocaleId, y.counsellorId, -1)
        moveCaseload(b, e.missionLocaleId, e.counsellorId, 1)
      }
      y.missionLocaleId = e.missionLocaleId
      y.counsellorId = e.counsellorId
      return
    case 'ProgrammeEntered':
      count(cellAt(b, e.missionLocaleId, e.on).programmeEntries, e.programme)
      y.programme = e.programme
      return
    case 'ProgrammeExited': {
      if (y.programme === null) return
      const exits = cellAt(b, e.missionLocaleId, e.on).programmeExits
      count((exits[e.programme] ??= {}), e.reason)
      y.programme = null
      return
    }
    case 'ProposalOffered': {
      const c = cellAt(b, e.missionLocaleId, e.on)
      count(c.proposalsByTheme, e.theme)
      if (e.partnerOffer !== null) count((c.proposalsFromPartners ??= {}), 'job-offer')
      if (e.training !== null) count((c.proposalsFromPartners ??= {}), 'training-session')
      if (y.firstProposalCounted) return
      count(c.daysToFirstProposal, daysSinceRegistration(y, e.on))
      y.firstProposalCounted = true
      return
    }
    case 'ProposalOutcomeRecorded':
      count(cellAt(b, e.missionLocaleId, e.on).proposalsByOutcome, e.outcome)
      return
    case 'TrainingStarted': {
      const c = cellAt(b, e.missionLocaleId, e.on)
      c.trainingEntries++
      if (e.qualifying) c.qualifyingTrainingEntries++
      return countFirstEntry(b, y, e)
    }
    case 'EmploymentStarted': {
      const c = cellAt(b, e.missionLocaleId, e.on)
      if (e.durable) c.durableEmploymentEntries++
      else c.otherEmploymentEntries++
      return countFirstEntry(b, y, e)
    }
    case 'SituationStarted':
      if (e.kind === 'immersion') {
        const c = cellAt(b, e.missionLocaleId, e.on)
        c.immersionEntries = (c.immersionEntries ?? 0) + 1
      }
      return
    case 'FollowUpScheduled':
      if (e.kind === 'individual-interview' && !y.plannedInterviews.includes(e.followUpId))
        y.plannedInterviews.push(e.followUpId)
      return
    case 'FollowUpKept':
      countKept(b, y, e)
      return settle(b, y, e.followUpId, e.on)
    case 'FollowUpMissed':
      cellAt(b, e.missionLocaleId, e.on).followUpsMissed++
      return settle(b, y, e.followUpId, e.on)
    case 'FollowUpMarkedUnspecified':
      cellAt(b, e.missionLocaleId, e.on).followUpsUnspecified++
      return settle(b, y, e.followUpId, e.on)
    case 'FollowUpCancelled':
      return settle(b, y, e.followUpId, e.on)
    case 'FollowUpRescheduled':
      return resolveDue(b, y, e.followUpId, e.on)
    case 'FollowUpDue':
      if (y.becameDue[e.followUpId] !== undefined) return
      cellAt(b, e.missionLocaleId, e.on).followUpsOverdue++
      y.becameDue[e.followUpId] = { on: e.on, missionLocaleId: e.missionLocaleId }
      return
    case 'JourneyClosed': {
      if (!y.open) return
      const c = cellAt(b, y.missionLocaleId, e.on)
      c.journeysClosed++
      count(c.exitsByReason, e.reason)
      if (positiveExitReasons.includes(e.reason)) y.positiveExitSeen = true
      moveCaseload(b, y.missionLocaleId, y.counsellorId, -1)
      y.open = false
      y.plannedInterviews = []
      y.becameDue = {}
      return
    }
    case 'JourneyReopened':
      if (y.open) return
      cellAt(b, y.missionLocaleId, e.on).journeysOpened++
      moveCaseload(b, y.missionLocaleId, e.counsellorId, 1)
      y.open = true
      y.counsellorId = e.counsellorId
      return
    default:
      return
  }
}

// A batch's copy of a stored document, field by field (a deep copy only where the batch changes
// in place: counters and lists; a due follow-up's record is replaced, never changed).
const copyYouth = (y: DashboardYouth): Youth => ({
  kind: 'youth',
  youthId: y.youthId,
  revision: y.revision,
  missionLocaleId: y.missionLocaleId,
  counsellorId: y.counsellorId,
  open: y.open,
  registeredOn: y.registeredOn,
  registeredMissionLocaleId: y.registeredMissionLocaleId,
  firstProposalCounted: y.firstProposalCounted,
  firstEntryCounted: y.firstEntryCounted,
  positiveExitSeen: y.positiveExitSeen,
  funnelStage: y.funnelStage,
  interviewsInFirstYear: y.interviewsInFirstYear,
  plannedInterviews: y.plannedInterviews.slice(),
  becameDue: { ...y.becameDue },
  programme: y.programme,
  contactMonths: y.contactMonths.slice(),
})

const copyCell = (c: DashboardCell): Cell => {
  const exits: Cell['programmeExits'] = {}
  for (const programme in c.programmeExits) exits[programme] = { ...c.programmeExits[programme] }
  const out: Cell = {
    kind: 'cell',
    missionLocaleId: c.missionLocaleId,
    month: c.month,
    firstReceptions: c.firstReceptions,
    inContact: c.inContact,
    journeysOpened: c.journeysOpened,
    journeysClosed: c.journeysClosed,
    transfersIn: c.transfersIn,
    transfersOut: c.transfersOut,
    programmeEntries: { ...c.programmeEntries },
    programmeExits: exits,
    programmeTransfersIn: { ...c.programmeTransfersIn },
    programmeTransfersOut: { ...c.programmeTransfersOut },
    proposalsByTheme: { ...c.proposalsByTheme },
    proposalsByOutcome: { ...c.proposalsByOutcome },
    trainingEntries: c.trainingEntries,
    qualifyingTrainingEntries: c.qualifyingTrainingEntries,
    durableEmploymentEntries: c.durableEmploymentEntries,
    otherEmploymentEntries: c.otherEmploymentEntries,
    immersionEntries: c.immersionEntries,
    exitsByReason: { ...c.exitsByReason },
    daysToFirstProposal: { ...c.daysToFirstProposal },
    daysToFirstEntry: { ...c.daysToFirstEntry },
    cohortSeenFiveTimes: c.cohortSeenFiveTimes,
    interviews: c.interviews,
    followUpsKept: c.followUpsKept,
    followUpsMissed: c.followUpsMissed,
    followUpsUnspecified: c.followUpsUnspecified,
    followUpsOverdue: c.followUpsOverdue,
  }
  // Cells stored before these were counted lack them.
  if (c.cohortFunnel !== undefined) out.cohortFunnel = { ...c.cohortFunnel }
  if (c.proposalsFromPartners !== undefined) out.proposalsFromPartners = { ...c.proposalsFromPartners }
  return out
}

const copyDoc = (doc: DashboardDoc): Writable<DashboardDoc> => {
  switch (doc.kind) {
    case 'youth':
      return copyYouth(doc)
    case 'counsellor':
      return { ...doc }
    default:
      return copyCell(doc)
  }
}

/** The step of one batch: its caches start empty and end with it. */
const batch = (draft: Draft<DashboardDoc>): BatchStep => {
  const b: Batch = { draft, youths: new Map(), cells: new Map(), caseloads: new Map(), yearEnds: new Map() }
  return (recorded) => {
    const e = recorded.event
    let y = b.youths.get(e.youthId)
    if (y === undefined) {
      const key = youthKey(e.youthId)
      const existing = draft.get(key) as DashboardYouth | undefined
      if (e.type === 'YouthRegistered' && isFirstRegistration(existing, recorded)) {
        y = draft.put(key, register(e, Number(recorded.revision)))
        b.youths.set(e.youthId, y)
        const c = cellAt(b, e.missionLocaleId, e.on)
        c.firstReceptions++
        c.journeysOpened++
        moveCaseload(b, e.missionLocaleId, e.counsellorId, 1)
        return countContact(b, y, e)
      }
      if (!isNextInStream(existing, recorded)) return
      y = draft.edit<DashboardYouth>(key)
      if (y === undefined) return
      b.youths.set(e.youthId, y)
    } else if (!isNextInStream(y, recorded)) return
    y.revision = Number(recorded.revision)
    applyToYouth(b, y, e)
    advanceFunnel(b, y)
    countContact(b, y, e)
  }
}

/** The steering dashboard projection (see README for each indicator's definition). */
export const dashboardProjection: KeyedProjection<DashboardDoc> = keyedProjection({
  name: 'dashboard',
  version: 3,
  batch,
  copy: copyDoc,
  merge: (_key, a, b) => (a.kind === 'youth' ? a : addDocs(a, b)),
  // A young person's document is their stream's; cells and caseloads are sums.
  streamDocuments: (key) => key.startsWith('youth:'),
})
