import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { AgeLimits } from '../model/ageLimits.js'
import { addDays, addMonths } from '../model/calendar.js'
import { JourneyEvent } from '../model/events.js'
import type { LocalDate } from '../model/localDate.js'
import type { AgedJourney, JourneyState } from '../model/state.js'
import { nextFollowUp } from '../model/state.js'
import { defaultJourneyPolicy } from '../policy/journeyPolicy.js'
import { arbAnyCommand, arbJourney } from '../testing/arbitraries.js'
import { aimedAt, arbJourneyRun, lastDate } from '../testing/journeyRun.js'
import { openAgeLimitsForTest, openingForTest } from '../testing/openedAgeLimits.js'
import { journeyAgeLimitOn } from './ageLimit.js'
import { foldJourney } from './evolve.js'
import { followUpCadenceDays } from './followUps.js'
import { journeyDecider as strictDecider } from './journeyDecider.js'

// The decider behind the test shell, which opens each journey's age limits as the CLI's vault does.
const journeyDecider = openingForTest(strictDecider)
// The journey with the age limits the test shell opens (or those a command brought).
const agedOf = (s: JourneyState, opened?: AgeLimits): AgedJourney => {
  if (s.status === 'unregistered') throw new Error('agedOf: not registered')
  // As the test shell does: the limits the registration sealed win over any the command brought.
  const limits = openAgeLimitsForTest(s.sealedAgeLimits) ?? opened
  if (limits === undefined) throw new Error('agedOf: no age limits')
  return { ...s, ...limits }
}

// ---------------------------------------------------------------------------------------------
// The journey invariants of docs/domain.md ("The rules the decider keeps"), checked on valid scripts followed by arbitrary commands
// (most of them aimed at the same journey, so they meet real states and are often refused).
// ---------------------------------------------------------------------------------------------

// The commands about the personal data alone, not the journey's course.
const personalDataOnly: ReadonlySet<string> = new Set(['ErasePersonalData', 'RectifyIdentity'])

const arbRun = arbJourneyRun({ otherMissionLocales: ['ml-1', 'ml-2'] as never })

const runs = { numRuns: 300 }

describe('journey invariants (properties)', () => {
  test('property: decide is total and never throws, for arbitrary commands on states reached by valid scripts', () => {
    fc.assert(
      fc.property(
        arbJourney(),
        fc.array(arbAnyCommand, { maxLength: 30 }),
        fc.nat(),
        (script, commands, cut) => {
          const prefix = script.events.slice(0, cut % (script.events.length + 1))
          let state = foldJourney(prefix)
          for (const command of commands) {
            const decision = journeyDecider.decide(
              aimedAt(script, state, command, true, lastDate(prefix)),
              state,
            )
            expect(['Left', 'Right']).toContain(decision._tag)
            if (decision._tag === 'Right') state = decision.right.reduce(journeyDecider.evolve, state)
          }
        },
      ),
      runs,
    )
  })

  test('property: a valid script is accepted command by command, and replaying its events rebuilds the same state', () => {
    fc.assert(
      fc.property(arbJourney(), (script) => {
        expect(script.commands[0]?.type).toBe('RegisterYouth')
        expect(foldJourney(script.events)).toEqual(script.state)
        expect(foldJourney(script.events)).toEqual(foldJourney([...script.events]))
        const dates = script.commands.map((c) => c.on)
        expect(dates.every((d, i) => i === 0 || d >= dates[i - 1]!)).toBe(true)
      }),
      runs,
    )
  })

  test('property: evolve after decide gives the state the next decide sees; events are valid, dated and of the tenant', () => {
    fc.assert(
      fc.property(arbRun, ({ steps, events, state }) => {
        for (const { before, command, decision, after } of steps) {
          if (decision._tag === 'Left') {
            expect(after).toBe(before)
            continue
          }
          // The command's own events are dated its day; before them may come what fell due
          // earlier, each dated the day it fell due (never after the command's day).
          const own = decision.right.findIndex((e) => e.on === command.on)
          decision.right.forEach((e, i) => {
            if (own >= 0 && i >= own) expect(e.on).toBe(command.on)
            else expect(e.on < command.on || command.type === 'ApplyTimeRules').toBe(true)
          })
          decision.right.forEach((e, i) => {
            expect(JourneyEvent.is(e)).toBe(true)
            expect(e.on <= command.on).toBe(true)
            expect(e.youthId).toBe(command.youthId)
            expect(e.missionLocaleId).toBe(
              command.type === 'TransferJourney' && own >= 0 && i >= own
                ? command.toMissionLocaleId
                : command.missionLocaleId,
            )
          })
          expect(foldJourney(decision.right, before)).toEqual(after)
        }
        expect(foldJourney(events)).toEqual(state)
      }),
      runs,
    )
  })

  test('property: at most one open programme, within its duration limits, extensions only for the CEJ', () => {
    fc.assert(
      fc.property(arbRun, ({ events }) => {
        let open: { programme: string; enteredOn: LocalDate; plannedEndOn: LocalDate } | null = null
        let lastExit: LocalDate | null = null
        for (const e of events) {
          if (e.type === 'ProgrammeEntered') {
            expect(open).toBeNull()
            if (lastExit !== null) expect(e.on >= lastExit).toBe(true)
            expect(e.plannedEndOn > e.on).toBe(true)
            expect(e.plannedEndOn <= addMonths(e.on, e.programme === 'CEJ' ? 12 : 24)).toBe(true)
            open = { programme: e.programme, enteredOn: e.on, plannedEndOn: e.plannedEndOn }
          } else if (e.type === 'ProgrammeExtended') {
            expect(open?.programme).toBe('CEJ')
            expect(e.plannedEndOn <= addMonths(open!.enteredOn, 18)).toBe(true)
            open = { ...open!, plannedEndOn: e.plannedEndOn }
          } else if (e.type === 'ProgrammeExited') {
            expect(open?.programme).toBe(e.programme)
            open = null
            lastExit = e.on
          } else if (e.type === 'JourneyClosed') {
            expect(open).toBeNull()
          }
        }
      }),
      runs,
    )
  })

  test('property: PACEA phases run one at a time, inside an open PACEA, never past its planned end; the first starts within a month', () => {
    fc.assert(
      fc.property(arbRun, ({ events }) => {
        let pacea: { enteredOn: LocalDate; plannedEndOn: LocalDate; phases: number } | null = null
        let running: string | null = null
        for (const e of events) {
          if (e.type === 'ProgrammeEntered')
            pacea =
              e.programme === 'PACEA' ? { enteredOn: e.on, plannedEndOn: e.plannedEndOn, phases: 0 } : null
          else if (e.type === 'ProgrammeExited' || e.type === 'JourneyClosed') [pacea, running] = [null, null]
          else if (e.type === 'PaceaPhaseStarted') {
            expect(pacea).not.toBeNull()
            expect(running).toBeNull()
            expect(e.on <= e.plannedEndOn && e.plannedEndOn <= pacea!.plannedEndOn).toBe(true)
            if (pacea!.phases === 0) expect(e.on <= addMonths(pacea!.enteredOn, 1)).toBe(true)
            pacea = { ...pacea!, phases: pacea!.phases + 1 }
            running = e.phaseId
          } else if (e.type === 'PaceaPhaseEnded') {
            expect(e.phaseId).toBe(running)
            running = null
          }
        }
      }),
      runs,
    )
  })

  test('property: an immersion lasts 1 month at most and is renewed once at most, by 1 month at most', () => {
    fc.assert(
      fc.property(arbRun, ({ events }) => {
        const immersions = new Map<string, { plannedEndOn: LocalDate; renewed: boolean; ended: boolean }>()
        for (const e of events) {
          if (e.type === 'SituationStarted') {
            expect(e.plannedEndOn >= e.on).toBe(true)
            if (e.kind === 'immersion') {
              expect(e.plannedEndOn <= addMonths(e.on, 1)).toBe(true)
              immersions.set(e.situationId, { plannedEndOn: e.plannedEndOn, renewed: false, ended: false })
            }
          } else if (e.type === 'ImmersionRenewed') {
            const i = immersions.get(e.situationId)!
            expect(i.renewed || i.ended).toBe(false)
            expect(e.plannedEndOn > i.plannedEndOn && e.plannedEndOn <= addMonths(i.plannedEndOn, 1)).toBe(
              true,
            )
            immersions.set(e.situationId, { ...i, plannedEndOn: e.plannedEndOn, renewed: true })
          } else if (e.type === 'SituationEnded' && e.kind === 'immersion') {
            const i = immersions.get(e.situationId)!
            expect(i.ended).toBe(false)
            immersions.set(e.situationId, { ...i, ended: true })
          }
        }
      }),
      runs,
    )
  })

  test('property: exactly one outcome per proposal, never before the offer, only for offered proposals', () => {
    fc.assert(
      fc.property(arbRun, ({ events, state }) => {
        const offered = new Map<string, LocalDate>()
        const outcomes = new Set<string>()
        for (const e of events) {
          if (e.type === 'ProposalOffered') {
            expect(offered.has(e.proposalId)).toBe(false)
            offered.set(e.proposalId, e.on)
          } else if (e.type === 'ProposalOutcomeRecorded' || e.type === 'ProposalAccepted') {
            expect(offered.has(e.proposalId)).toBe(true)
            expect(e.on >= offered.get(e.proposalId)!).toBe(true)
            expect(outcomes.has(e.proposalId)).toBe(false)
            if (e.type === 'ProposalOutcomeRecorded') outcomes.add(e.proposalId)
          }
        }
        // Once time has passed every respond-by date, each unanswered proposal has its one outcome.
        if (state.status === 'open') {
          const later = addDays(
            Object.values(state.proposals).reduce(
              (d, p) => (p.respondBy > d ? p.respondBy : d),
              state.registeredOn,
            ),
            1,
          )
          const tick = journeyDecider.decide(
            {
              type: 'ApplyTimeRules',
              youthId: state.youthId,
              missionLocaleId: state.missionLocaleId,
              on: later,
            },
            state,
          )
          if (tick._tag === 'Right' && later < journeyAgeLimitOn(agedOf(state))) {
            const after = foldJourney(tick.right, state)
            if (after.status !== 'unregistered')
              for (const p of Object.values(after.proposals))
                expect(p.status === 'accepted' || p.outcome !== null).toBe(true)
          }
        }
      }),
      runs,
    )
  })

  test('property: FollowUpDue at most once per follow-up, never before its due date, never for a kept or cancelled one', () => {
    fc.assert(
      fc.property(arbRun, ({ events }) => {
        const followUps = new Map<string, { dueOn: LocalDate; status: string; due: boolean }>()
        for (const e of events) {
          if (e.type === 'FollowUpScheduled')
            followUps.set(e.followUpId, { dueOn: e.dueOn, status: 'pending', due: false })
          else if (e.type === 'FollowUpRescheduled') followUps.get(e.followUpId)!.dueOn = e.dueOn
          else if (e.type === 'FollowUpKept') followUps.get(e.followUpId)!.status = 'kept'
          else if (e.type === 'FollowUpCancelled') followUps.get(e.followUpId)!.status = 'cancelled'
          else if (e.type === 'FollowUpMissed') followUps.get(e.followUpId)!.status = 'missed'
          else if (e.type === 'FollowUpMarkedUnspecified') followUps.get(e.followUpId)!.status = 'unspecified'
          else if (e.type === 'FollowUpDue') {
            const f = followUps.get(e.followUpId)!
            expect(f.due).toBe(false)
            expect(f.status).toBe('pending')
            expect(e.dueOn).toBe(f.dueOn)
            expect(e.on).toBe(f.dueOn)
            f.due = true
          }
        }
      }),
      runs,
    )
  })

  test('property: an open journey always has a pending follow-up, due within the cadence, after any accepted command', () => {
    fc.assert(
      fc.property(arbRun, ({ steps }) => {
        for (const { command, decision, after } of steps)
          // Erasing the key or rectifying the identity is no step of the journey: it schedules nothing.
          if (decision._tag === 'Right' && after.status === 'open' && !personalDataOnly.has(command.type)) {
            // The next follow-up is a future one (a stale overdue one does not count); after
            // anything but the clock's tick, it is due within the cadence.
            const next = nextFollowUp(after, command.on)
            expect(next).not.toBeNull()
            const dueBy = addDays(command.on, followUpCadenceDays(after, command.on, defaultJourneyPolicy))
            if (command.type !== 'ApplyTimeRules') expect(next!.dueOn <= dueBy).toBe(true)
          }
      }),
      runs,
    )
  })

  test('property: a closed journey rejects everything but reopening (before the age limit), erasure and rectification', () => {
    fc.assert(
      fc.property(arbRun, ({ steps }) => {
        for (const { before, command, decision } of steps) {
          if (before.status !== 'closed') continue
          if (command.type === 'ReopenJourney') {
            if (decision._tag === 'Right')
              expect(command.on < journeyAgeLimitOn(agedOf(before, command.ageLimits))).toBe(true)
          } else if (!personalDataOnly.has(command.type)) expect(decision._tag).toBe('Left')
        }
      }),
      runs,
    )
  })

  test('property: the time rules are idempotent for a given now, and close an open journey at its age limit', () => {
    fc.assert(
      fc.property(arbRun, fc.integer({ min: 0, max: 400 }), ({ state }, days) => {
        if (state.status !== 'open') return
        const tick = (on: LocalDate, s: JourneyState) =>
          journeyDecider.decide(
            { type: 'ApplyTimeRules', youthId: state.youthId, missionLocaleId: state.missionLocaleId, on },
            s,
          )
        const now = addDays(state.registeredOn, days)
        const first = tick(now, state)
        if (first._tag === 'Left') {
          expect(now < state.heldSince).toBe(true)
          return
        }
        const again = tick(now, foldJourney(first.right, state))
        if (foldJourney(first.right, state).status === 'open')
          expect(again).toEqual({ _tag: 'Right', right: [] })
        const atLimit = tick(journeyAgeLimitOn(agedOf(state)), state)
        expect(atLimit._tag === 'Right' && foldJourney(atLimit.right, state).status).toBe('closed')
        expect(atLimit._tag === 'Right' && atLimit.right.at(-1)).toMatchObject({
          type: 'JourneyClosed',
          reason: 'age-limit',
        })
      }),
      runs,
    )
  })

  test('property: nothing before registration, no second registration, no command from another tenant or dated before registration', () => {
    fc.assert(
      fc.property(arbRun, fc.array(arbAnyCommand, { maxLength: 10 }), ({ steps }, fresh) => {
        for (const command of fresh)
          if (command.type !== 'RegisterYouth')
            expect(journeyDecider.decide(command, journeyDecider.initialState)).toMatchObject({
              _tag: 'Left',
              left: { _tag: 'NotRegistered' },
            })
        for (const { before, command, decision } of steps) {
          if (before.status === 'unregistered') continue
          const refused =
            command.type === 'RegisterYouth' ||
            command.youthId !== before.youthId ||
            command.missionLocaleId !== before.missionLocaleId ||
            command.on < before.registeredOn
          if (refused) expect(decision._tag).toBe('Left')
        }
      }),
      runs,
    )
  })

  test('property: no birth date in any event (only derived facts leave the decider)', () => {
    fc.assert(
      fc.property(arbJourney(), (script) => {
        const registration = script.commands[0]
        if (registration?.type !== 'RegisterYouth') throw new Error('a script starts with its registration')
        expect(JSON.stringify(script.events)).not.toContain(registration.birthDate)
      }),
      runs,
    )
  })
})
