import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { addDays } from '../model/calendar.js'
import type { JourneyEvent } from '../model/events.js'
import type { LocalDate } from '../model/localDate.js'
import { isPending, nextFollowUp } from '../model/state.js'
import { arbJourney } from '../testing/arbitraries.js'
import type { JourneyRun } from '../testing/journeyRun.js'
import { arbJourneyRun, arbTickGaps, lastDate, replayWithTicks } from '../testing/journeyRun.js'

// ---------------------------------------------------------------------------------------------
// Time integrity (docs/domain.md, "Time: facts are dated when they happen"), on journeys whose later
// commands are dated anywhere inside the journey (saisie a posteriori), and under a clock that
// ticks every day or late.
// ---------------------------------------------------------------------------------------------

const runs = { numRuns: 200 }
const anywhere = arbJourneyRun({ dating: 'anywhere', otherMissionLocales: ['ml-1', 'ml-2'] as never })

/** Every fact after what it depends on, replayed over a journey's whole log. */
const checkDependencies = (events: ReadonlyArray<JourneyEvent>): void => {
  const after = (on: LocalDate, than: LocalDate | undefined, what: string) => {
    if (than === undefined) throw new Error(`${what}: unknown`)
    if (on < than) throw new Error(`${what}: ${on} is before ${than}`)
  }
  const scheduled = new Map<string, { on: LocalDate; dueOn: LocalDate }>()
  const offered = new Map<string, LocalDate>()
  const accepted = new Map<string, LocalDate>()
  const sessions = new Map<string, LocalDate>()
  const started = new Map<string, LocalDate>()
  const phases = new Map<string, LocalDate>()
  let programme = null as { enteredOn: LocalDate; plannedEndOn: LocalDate; lastPhaseEnd: LocalDate } | null
  for (const e of events) {
    switch (e.type) {
      case 'FollowUpScheduled':
        after(e.dueOn, e.on, `due date of ${e.followUpId}`)
        scheduled.set(e.followUpId, { on: e.on, dueOn: e.dueOn })
        break
      case 'FollowUpRescheduled':
        after(e.on, scheduled.get(e.followUpId)?.on, `rescheduling of ${e.followUpId}`)
        scheduled.set(e.followUpId, { on: e.on, dueOn: e.dueOn })
        break
      case 'FollowUpKept':
      case 'FollowUpMissed':
      case 'FollowUpCancelled':
      case 'FollowUpMarkedUnspecified':
        after(e.on, scheduled.get(e.followUpId)?.on, `${e.type} of ${e.followUpId}`)
        break
      case 'FollowUpDue':
        expect(e.on).toBe(scheduled.get(e.followUpId)?.dueOn)
        after(e.on, scheduled.get(e.followUpId)?.on, `FollowUpDue of ${e.followUpId}`)
        break
      case 'FollowUpReminderDue':
        expect(e.on).toBe(addDays(e.dueOn, -e.daysBefore))
        after(e.on, scheduled.get(e.followUpId)?.on, `reminder of ${e.followUpId}`)
        break
      case 'ProposalOffered':
        offered.set(e.proposalId, e.on)
        break
      case 'ProposalAccepted':
        after(e.on, offered.get(e.proposalId), `acceptance of ${e.proposalId}`)
        accepted.set(e.proposalId, e.on)
        break
      case 'ProposalOutcomeRecorded':
        after(e.on, offered.get(e.proposalId), `outcome of ${e.proposalId}`)
        after(e.on, accepted.get(e.proposalId) ?? e.offeredOn, `outcome of ${e.proposalId} after acceptance`)
        if (e.outcome === 'expired') expect(e.on > e.offeredOn).toBe(true)
        break
      case 'SessionPrescribed':
        after(e.heldOn, e.on, `session ${e.sessionId}`)
        sessions.set(e.sessionId, e.on)
        break
      case 'SessionOutcomeRecorded':
        after(e.on, sessions.get(e.sessionId), `outcome of session ${e.sessionId}`)
        if (e.outcome === 'carried-out') after(e.on, e.heldOn, `attendance of ${e.sessionId}`)
        break
      case 'TrainingStarted':
        started.set(e.trainingId, e.on)
        break
      case 'EmploymentStarted':
        started.set(e.employmentId, e.on)
        break
      case 'SituationStarted':
        started.set(e.situationId, e.on)
        break
      case 'TrainingEnded':
        after(e.on, started.get(e.trainingId), `end of ${e.trainingId}`)
        break
      case 'EmploymentEnded':
        after(e.on, started.get(e.employmentId), `end of ${e.employmentId}`)
        break
      case 'SituationEnded':
        after(e.on, started.get(e.situationId), `end of ${e.situationId}`)
        break
      case 'SituationOngoingAtExit':
        after(e.on, started.get(e.situationId), `exit over ${e.situationId}`)
        expect(e.startedOn).toBe(started.get(e.situationId))
        break
      case 'ProgrammeEntered':
        programme = { enteredOn: e.on, plannedEndOn: e.plannedEndOn, lastPhaseEnd: e.on }
        break
      case 'ProgrammeExtended':
        if (programme !== null) programme = { ...programme, plannedEndOn: e.plannedEndOn }
        break
      case 'PaceaPhaseStarted':
        after(e.on, programme?.enteredOn, `phase ${e.phaseId} in its PACEA`)
        after(programme!.plannedEndOn, e.plannedEndOn, `planned end of phase ${e.phaseId}`)
        after(e.on, programme!.lastPhaseEnd, `phase ${e.phaseId} after the previous one`)
        phases.set(e.phaseId, e.on)
        break
      case 'PaceaPhaseEnded':
        after(e.on, phases.get(e.phaseId), `end of phase ${e.phaseId}`)
        programme = programme === null ? null : { ...programme, lastPhaseEnd: e.on }
        break
      case 'ProgrammeExited':
        after(e.on, programme?.lastPhaseEnd, 'programme exit after its entry and phases')
        programme = null
        break
      case 'JourneyClosed':
        expect(programme).toBeNull()
        break
      default:
        break
    }
  }
}

/** Programmes as date intervals [entry, exit); an open one runs on. */
const programmeIntervals = (events: ReadonlyArray<JourneyEvent>) => {
  const intervals: Array<{ from: LocalDate; to: LocalDate | null }> = []
  for (const e of events)
    if (e.type === 'ProgrammeEntered') intervals.push({ from: e.on, to: null })
    else if (e.type === 'ProgrammeExited')
      intervals[intervals.length - 1] = { ...intervals.at(-1)!, to: e.on }
  return intervals
}

const closedJourneysLeaveNothingOpen = ({ steps }: JourneyRun) => {
  for (const { after } of steps) {
    if (after.status !== 'closed') continue
    for (const p of Object.values(after.proposals)) expect(p.outcome).not.toBeNull()
    for (const x of Object.values(after.sessions)) expect(x.outcome).not.toBeNull()
    for (const f of Object.values(after.followUps)) expect(isPending(f)).toBe(false)
    for (const x of Object.values(after.situations)) expect(x.endedOn).not.toBeNull()
    expect(after.programme).toBeNull()
  }
}

describe('time integrity (properties)', () => {
  test('property: commands dated anywhere inside the journey never date a fact before what it depends on', () => {
    fc.assert(
      fc.property(anywhere, ({ events }) => checkDependencies(events)),
      runs,
    )
  })

  test('property: programmes never overlap in dates, whatever the order commands arrive in', () => {
    fc.assert(
      fc.property(anywhere, ({ events }) => {
        const intervals = programmeIntervals(events)
        intervals.forEach((p, i) => {
          if (p.to !== null) expect(p.to >= p.from).toBe(true)
          const previous = intervals[i - 1]
          if (previous !== undefined) {
            expect(previous.to).not.toBeNull()
            expect(p.from >= previous.to!).toBe(true)
          }
        })
      }),
      runs,
    )
  })

  test('property: a closed journey has exactly one outcome per proposal and session, and nothing left open', () => {
    fc.assert(
      fc.property(anywhere, (run) => {
        closedJourneysLeaveNothingOpen(run)
        const outcomes = new Map<string, number>()
        for (const e of run.events)
          if (e.type === 'ProposalOutcomeRecorded')
            outcomes.set(e.proposalId, (outcomes.get(e.proposalId) ?? 0) + 1)
        for (const n of outcomes.values()) expect(n).toBe(1)
      }),
      runs,
    )
  })

  test('property: after any accepted command an open journey has a future planned appointment', () => {
    fc.assert(
      fc.property(anywhere, ({ steps }) => {
        for (const { command, decision, after } of steps)
          // Erasure and rectification concern the personal data alone: they plan nothing.
          if (
            decision._tag === 'Right' &&
            after.status === 'open' &&
            command.type !== 'ErasePersonalData' &&
            command.type !== 'RectifyIdentity'
          )
            expect(nextFollowUp(after, command.on)).not.toBeNull()
      }),
      runs,
    )
  })

  test('property: ticking every day or late, by any gaps, records the same facts with the same dates', () => {
    const canonical = (events: ReadonlyArray<JourneyEvent>) => events.map((e) => JSON.stringify(e)).sort()
    fc.assert(
      fc.property(
        arbJourney({ steps: { min: 5, max: 30 } }),
        arbTickGaps(),
        fc.integer({ min: 0, max: 120 }),
        (script, gaps, extra) => {
          // The counsellor's commands, each entered on its day; the clock is replaced.
          const commands = script.commands.filter((c) => c.type !== 'ApplyTimeRules')
          const until = addDays(lastDate(script.events), extra)
          const daily = replayWithTicks(commands, [1], until)
          const late = replayWithTicks(commands, gaps, until)
          expect(late.outcomes).toEqual(daily.outcomes)
          expect(canonical(late.events)).toEqual(canonical(daily.events))
          expect(late.state).toEqual(daily.state)
        },
      ),
      { numRuns: 60 },
    )
  })
})
