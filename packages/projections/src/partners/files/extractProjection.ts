import type { AgeBand, ExitReason, JourneyEvent, Programme, RecordedEvent } from '@parcours/domain'
import type { DocMap } from '../../model/docMap.js'
import type { Draft, Writable } from '../../model/draft.js'
import { isContact } from '../../model/eventClassification.js'
import { type KeyedProjection, keyedProjection } from '../../model/projection.js'
import {
  isFirstRegistration,
  isNextInStream,
  type YouthHeader,
  youthHeaderOf,
} from '../../model/streamGuard.js'

// ---------------------------------------------------------------------------------------------
// model: what the outbound files need of each young person — per month, the inputs of the
// indicators (contact, interviews, proposals, entries, exit); the dated changes of where the
// journey stands (open, programme, mission locale) to tell its state at any month's end; and the
// programme entries the notice to France Travail lists. Pseudonymous ids and coarse facts only:
// the age band, never a birth date; exits by category, the age limit folded into "other".
// ---------------------------------------------------------------------------------------------

/** How an exit is reported: by reason, except the age limit (its month would date the 26th birthday). */
export type ExitCategory = Exclude<ExitReason, 'age-limit'>

/** The indicators' inputs of one young person in one month. */
export interface MonthInputs {
  readonly contact: boolean
  readonly interviews: number
  readonly proposals: number
  readonly proposalsCarriedOut: number
  readonly trainingEntries: number
  readonly qualifyingTrainingEntries: number
  readonly durableEmploymentEntries: number
  readonly otherEmploymentEntries: number
  readonly programmeEntry: Programme | null
  readonly exit: ExitCategory | null
}

/** Where the journey stands from a date on. */
export interface StandingChange {
  readonly on: string
  readonly open: boolean
  readonly programme: Programme | null
  readonly missionLocaleId: string
}

/** A programme entry, for the notice to France Travail. */
export interface ProgrammeEntry {
  readonly programme: Programme
  readonly on: string
  readonly missionLocaleId: string
}

/** The outbound files' document of one young person, keyed `youth:<id>`. */
export interface ExtractYouth extends YouthHeader {
  readonly ageBand: AgeBand
  readonly registeredOn: string
  /** The kind of each appointment planned, so that a kept one counts as an interview or not. */
  readonly appointmentKinds: Readonly<Record<string, string>>
  readonly months: Readonly<Record<string, MonthInputs>>
  readonly standing: ReadonlyArray<StandingChange>
  readonly programmeEntries: ReadonlyArray<ProgrammeEntry>
}

/** The outbound files' read model. */
export type ExtractReadModel = DocMap<ExtractYouth>

/** Nothing happened in the month. */
export const emptyMonthInputs: MonthInputs = {
  contact: false,
  interviews: 0,
  proposals: 0,
  proposalsCarriedOut: 0,
  trainingEntries: 0,
  qualifyingTrainingEntries: 0,
  durableEmploymentEntries: 0,
  otherEmploymentEntries: 0,
  programmeEntry: null,
  exit: null,
}

type Doc = Writable<ExtractYouth>

const stand = (y: Doc, on: string, change: Partial<Omit<StandingChange, 'on'>>): void => {
  const last = y.standing[y.standing.length - 1] as Writable<StandingChange>
  y.standing.push({ ...last, ...change, on })
  // Facts recorded after the fact may be dated before the last change: keep the list in date order.
  y.standing.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
}

const step = (draft: Draft<ExtractYouth>, recorded: RecordedEvent<JourneyEvent>): void => {
  const e = recorded.event
  const key = `youth:${e.youthId}`
  const revision = Number(recorded.revision)
  const existing = draft.get(key)
  if (e.type === 'YouthRegistered' && isFirstRegistration(existing, recorded)) {
    draft.put<ExtractYouth>(key, {
      ...youthHeaderOf(e, revision),
      ageBand: e.ageBand,
      registeredOn: e.on,
      appointmentKinds: {},
      months: { [e.on.slice(0, 7)]: { ...emptyMonthInputs, contact: true } },
      standing: [{ on: e.on, open: true, programme: null, missionLocaleId: e.missionLocaleId }],
      programmeEntries: [],
    })
    return
  }
  if (!isNextInStream(existing, recorded)) return
  const y = draft.edit(key) as Doc
  y.revision = revision
  const month = e.on.slice(0, 7)
  const m = (y.months[month] ??= { ...emptyMonthInputs })
  if (isContact(e)) m.contact = true
  switch (e.type) {
    case 'FollowUpScheduled':
      y.appointmentKinds[e.followUpId] = e.kind
      break
    case 'FollowUpKept':
      if (y.appointmentKinds[e.followUpId] === 'individual-interview') m.interviews++
      break
    case 'ProposalOffered':
      m.proposals++
      break
    case 'ProposalOutcomeRecorded':
      if (e.outcome === 'carried-out') m.proposalsCarriedOut++
      break
    case 'TrainingStarted':
      m.trainingEntries++
      if (e.qualifying) m.qualifyingTrainingEntries++
      break
    case 'EmploymentStarted':
      if (e.durable) m.durableEmploymentEntries++
      else m.otherEmploymentEntries++
      break
    case 'ProgrammeEntered':
      m.programmeEntry = e.programme
      y.programmeEntries.push({ programme: e.programme, on: e.on, missionLocaleId: e.missionLocaleId })
      stand(y, e.on, { programme: e.programme })
      break
    case 'ProgrammeExited':
      stand(y, e.on, { programme: null })
      break
    case 'JourneyTransferred':
      y.missionLocaleId = e.missionLocaleId
      stand(y, e.on, { missionLocaleId: e.missionLocaleId })
      break
    case 'JourneyClosed':
      y.open = false
      m.exit = e.reason === 'age-limit' ? 'other' : e.reason
      stand(y, e.on, { open: false, programme: null })
      break
    case 'JourneyReopened':
      y.open = true
      stand(y, e.on, { open: true })
      break
    default:
      break
  }
}

/** The projection the outbound files read (DARES extract, notice to France Travail). */
export const partnerFilesProjection: KeyedProjection<ExtractYouth> = keyedProjection<ExtractYouth>({
  name: 'partner-files',
  version: 1,
  step,
  merge: (_key, a) => a,
})

/** Where the journey stood at the end of `date` (undefined before its registration). */
export const standingOn = (y: ExtractYouth, date: string): StandingChange | undefined => {
  let found: StandingChange | undefined
  for (const s of y.standing) if (s.on <= date) found = s
  return found
}
