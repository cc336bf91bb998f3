import type { JourneyEvent, RecordedEvent } from '@parcours/domain'
import { addMonths, daysBetween, monthOf } from '../model/dates.js'
import { type DocMap, emptyDocMap, getDoc, setDoc } from '../model/docMap.js'
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

/** Events that are no contact with the young person: time-driven, or the erasure of a key. */
const notContact: ReadonlySet<JourneyEvent['type']> = new Set(['FollowUpDue', 'PersonalDataErased'])

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
  if (notContact.has(e.type)) return
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
  keptInFirstYear: 0,
  contactMonths: [],
})

const countFirstEntry = (s: Step, e: JourneyEvent): void => {
  if (s.youth.firstEntryCounted) return
  const days = daysSinceRegistration(s.youth, e.on)
  updateCell(s, e.missionLocaleId, e.on, (c) => ({ daysToFirstEntry: bump(c.daysToFirstEntry, days) }))
  youthUpdate(s, { firstEntryCounted: true })
}

const countKept = (s: Step, e: JourneyEvent): void => {
  updateCell(s, e.missionLocaleId, e.on, (c) => ({ followUpsKept: c.followUpsKept + 1 }))
  const y = s.youth
  const inFirstYear = e.on >= y.registeredOn && e.on < addMonths(y.registeredOn, 12)
  if (!inFirstYear || y.keptInFirstYear >= SEEN_TIMES) return
  youthUpdate(s, { keptInFirstYear: y.keptInFirstYear + 1 })
  if (y.keptInFirstYear + 1 === SEEN_TIMES)
    updateCell(s, y.registeredMissionLocaleId, y.registeredOn, (c) => ({
      cohortSeenFiveTimes: c.cohortSeenFiveTimes + 1,
    }))
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
        updateCell(s, y.missionLocaleId, e.on, (c) => ({ transfersOut: c.transfersOut + 1 }))
        updateCell(s, e.missionLocaleId, e.on, (c) => ({ transfersIn: c.transfersIn + 1 }))
        moveCaseload(s, y.missionLocaleId, y.counsellorId, -1)
        moveCaseload(s, e.missionLocaleId, e.counsellorId, 1)
      }
      return youthUpdate(s, { missionLocaleId: e.missionLocaleId, counsellorId: e.counsellorId })
    case 'ProgrammeEntered':
      return updateCell(s, e.missionLocaleId, e.on, (c) => ({
        programmeEntries: bump(c.programmeEntries, e.programme),
      }))
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
    case 'FollowUpKept':
      return countKept(s, e)
    case 'FollowUpMissed':
      return updateCell(s, e.missionLocaleId, e.on, (c) => ({ followUpsMissed: c.followUpsMissed + 1 }))
    case 'FollowUpDue':
      return updateCell(s, e.missionLocaleId, e.on, (c) => ({ followUpsOverdue: c.followUpsOverdue + 1 }))
    case 'JourneyClosed':
      if (!y.open) return
      updateCell(s, y.missionLocaleId, e.on, (c) => ({
        journeysClosed: c.journeysClosed + 1,
        exitsByReason: bump(c.exitsByReason, e.reason),
      }))
      moveCaseload(s, y.missionLocaleId, y.counsellorId, -1)
      return youthUpdate(s, { open: false })
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
  version: 1,
  initial: emptyDocMap<DashboardDoc>(),
  apply,
  merge: (_key, a, b) => (a.kind === 'youth' ? a : addDocs(a, b)),
}
