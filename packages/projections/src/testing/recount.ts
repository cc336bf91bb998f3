import type { JourneyEvent } from '@parcours/domain'
import { isContact } from '../model/eventClassification.js'

// ---------------------------------------------------------------------------------------------
// Test support: a direct recount of the simple indicators from a list of journeys, written
// independently of the projection (no documents, no guards), to check the projection against.
// ---------------------------------------------------------------------------------------------

/** Simple counts for one mission locale and month. */
export interface Recount {
  firstReceptions: number
  inContact: number
  accompanied: number
  proposals: number
  outcomes: number
  trainingEntries: number
  employmentEntries: number
  immersionEntries: number
  exits: number
  positiveExits: number
  kept: number
  missed: number
  overdue: number
  programmeEntries: number
  programmeExits: number
  programmeStock: number
  interviews: number
}

const zero = (): Recount => ({
  firstReceptions: 0,
  inContact: 0,
  accompanied: 0,
  proposals: 0,
  outcomes: 0,
  trainingEntries: 0,
  employmentEntries: 0,
  immersionEntries: 0,
  exits: 0,
  positiveExits: 0,
  kept: 0,
  missed: 0,
  overdue: 0,
  programmeEntries: 0,
  programmeExits: 0,
  programmeStock: 0,
  interviews: 0,
})

const endOf = (month: string): string => `${month}-31`

/** Counts per `missionLocaleId|YYYY-MM`, for the given months. */
export const recount = (
  journeys: ReadonlyArray<ReadonlyArray<JourneyEvent>>,
  months: ReadonlyArray<string>,
): Map<string, Recount> => {
  const out = new Map<string, Recount>()
  const at = (ml: string, on: string): Recount => {
    const key = `${ml}|${on.slice(0, 7)}`
    let r = out.get(key)
    if (r === undefined) out.set(key, (r = zero()))
    return r
  }
  for (const events of journeys) {
    const contacts = new Set<string>()
    const interviews = new Set<string>()
    const becameDue = new Map<string, { r: Recount; on: string }>()
    let inProgramme = false
    for (const e of events) {
      const r = at(e.missionLocaleId, e.on)
      // Which events are contacts is the classification's to say; the fold is what this checks.
      if (isContact(e)) contacts.add(`${e.missionLocaleId}|${e.on.slice(0, 7)}`)
      if (e.type === 'FollowUpScheduled' && e.kind === 'individual-interview') interviews.add(e.followUpId)
      if (e.type === 'FollowUpKept' && interviews.delete(e.followUpId)) r.interviews++
      if (
        e.type === 'FollowUpMissed' ||
        e.type === 'FollowUpCancelled' ||
        e.type === 'FollowUpMarkedUnspecified'
      )
        interviews.delete(e.followUpId)
      if (e.type === 'JourneyClosed') (interviews.clear(), becameDue.clear())
      if (e.type === 'ProgrammeEntered') inProgramme = true
      if (e.type === 'ProgrammeExited' && inProgramme) (r.programmeExits++, (inProgramme = false))
      if (e.type === 'YouthRegistered') r.firstReceptions++
      if (e.type === 'ProposalOffered') r.proposals++
      if (e.type === 'ProposalOutcomeRecorded') r.outcomes++
      if (e.type === 'TrainingStarted') r.trainingEntries++
      if (e.type === 'EmploymentStarted') r.employmentEntries++
      if (e.type === 'SituationStarted' && e.kind === 'immersion') r.immersionEntries++
      if (e.type === 'ProgrammeEntered') r.programmeEntries++
      if (e.type === 'JourneyClosed') {
        r.exits++
        if (e.reason === 'durable-employment' || e.reason === 'qualifying-training') r.positiveExits++
      }
      if (e.type === 'FollowUpKept') r.kept++
      if (e.type === 'FollowUpMissed') r.missed++
      if (e.type === 'FollowUpDue') (r.overdue++, becameDue.set(e.followUpId, { r, on: e.on }))
      if (
        (e.type === 'FollowUpKept' ||
          e.type === 'FollowUpMissed' ||
          e.type === 'FollowUpMarkedUnspecified' ||
          e.type === 'FollowUpCancelled' ||
          e.type === 'FollowUpRescheduled') &&
        becameDue.has(e.followUpId)
      ) {
        // Settled by the end of the day it fell due: it never was overdue.
        const due = becameDue.get(e.followUpId)
        becameDue.delete(e.followUpId)
        if (due !== undefined && e.on <= due.on) due.r.overdue--
      }
    }
    for (const c of contacts) {
      const [ml = '', month = ''] = c.split('|')
      at(ml, `${month}-01`).inContact++
    }
    for (const month of months) {
      // Replay the journey up to the month's end: where is it, and is it open?
      let open = false
      let programme = false
      let ml = ''
      for (const e of events) {
        if (e.on > endOf(month)) break
        ml = e.missionLocaleId
        if (e.type === 'YouthRegistered' || e.type === 'JourneyReopened') open = true
        if (e.type === 'JourneyClosed') open = false
        if (e.type === 'ProgrammeEntered') programme = true
        if (e.type === 'ProgrammeExited') programme = false
      }
      if (open) at(ml, `${month}-01`).accompanied++
      if (programme) at(ml, `${month}-01`).programmeStock++
    }
  }
  return out
}
