import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { foldJourney } from '../decider/evolve.js'
import { journeyDecider } from '../decider/journeyDecider.js'
import { JourneyCommand } from '../model/commands.js'
import { JourneyEvent } from '../model/events.js'
import { LocalDate } from '../model/localDate.js'
import {
  arbAnyCommand,
  arbAnyEvent,
  arbJourneyHistory,
  arbJourneyScript,
  arbLocalDate,
} from './arbitraries.js'
import { runScript } from './runScript.js'

describe('arbitraries', () => {
  test('property: arbLocalDate yields valid dates in range', () => {
    fc.assert(
      fc.property(arbLocalDate({ min: '2024-02-01' as LocalDate, max: '2024-03-31' as LocalDate }), (d) => {
        expect(LocalDate.is(d)).toBe(true)
        expect(d >= '2024-02-01' && d <= '2024-03-31').toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  test('property: arbAnyCommand yields well-typed commands', () => {
    fc.assert(
      fc.property(arbAnyCommand, (c) => {
        const nonFinite =
          'durationMonths' in c && c.durationMonths !== null && !Number.isFinite(c.durationMonths)
        expect(JourneyCommand.is(c) || nonFinite).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  test('arbAnyCommand and arbAnyEvent cover every command and event type', () => {
    const commandTypes = new Set(fc.sample(arbAnyCommand, { numRuns: 3000, seed: 3 }).map((c) => c.type))
    expect([...commandTypes].sort()).toEqual(JourneyCommand.types.map((c) => c.name).sort())
    const eventTypes = new Set(fc.sample(arbAnyEvent, { numRuns: 3000, seed: 3 }).map((e) => e.type))
    expect([...eventTypes].sort()).toEqual(JourneyEvent.types.map((c) => c.name).sort())
  })

  test('property: a journey script is accepted in full, registration first, dates moving forward', () => {
    fc.assert(
      fc.property(arbJourneyScript(), (commands) => {
        const run = runScript(journeyDecider, commands)
        expect(run.rejections).toEqual([])
        expect(commands[0]?.type).toBe('RegisterYouth')
        for (let i = 1; i < commands.length; i++) expect(commands[i]!.on >= commands[i - 1]!.on).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  test('a history covers the journey: themes, outcomes, programmes, situations, follow-ups, exits', () => {
    const samples = fc.sample(arbJourneyHistory({ youths: 40, missionLocales: 3 }), { numRuns: 3, seed: 7 })
    for (const sample of samples) expect(new Set(sample.map((h) => h.youthId)).size).toBe(40)
    const histories = samples.flat()
    const events = histories.flatMap((h) => h.events)
    const types = new Set(events.map((e) => e.type))
    for (const t of [
      'YouthRegistered',
      'ProposalOffered',
      'ProposalAccepted',
      'ProposalOutcomeRecorded',
      'ProgrammeEntered',
      'ProgrammeExited',
      'PaceaPhaseStarted',
      'PaceaPhaseEnded',
      'TrainingStarted',
      'EmploymentStarted',
      'SituationStarted',
      'SituationEnded',
      'ImmersionRenewed',
      'FollowUpKept',
      'FollowUpMissed',
      'FollowUpDue',
      'FollowUpMarkedUnspecified',
      'FollowUpReminderDue',
      'SessionPrescribed',
      'SessionOutcomeRecorded',
      'SessionReminderDue',
      'SituationOngoingAtExit',
      'JourneyClosed',
    ])
      expect(types).toContain(t)
    const themes = new Set(events.flatMap((e) => (e.type === 'ProposalOffered' ? [e.theme] : [])))
    expect(themes.size).toBe(10)
    const outcomes = new Set(events.flatMap((e) => (e.type === 'ProposalOutcomeRecorded' ? [e.outcome] : [])))
    expect(outcomes.size).toBe(5)
    const sessionOutcomes = new Set(
      events.flatMap((e) => (e.type === 'SessionOutcomeRecorded' ? [e.outcome] : [])),
    )
    expect(sessionOutcomes.size).toBe(4)
    const kinds = new Set(events.flatMap((e) => (e.type === 'SituationStarted' ? [e.kind] : [])))
    expect(kinds).toEqual(new Set(['immersion', 'volunteering', 'schooling']))
    const exits = new Set(events.flatMap((e) => (e.type === 'JourneyClosed' ? [e.reason] : [])))
    expect(exits.size).toBeGreaterThanOrEqual(5)
    expect(new Set(histories.map((h) => h.missionLocaleId))).toEqual(new Set(['ml-1', 'ml-2', 'ml-3']))
    for (const h of histories) {
      expect(foldJourney(h.events)).toEqual(h.state)
      expect(h.events.every((e) => e.youthId === h.youthId)).toBe(true)
    }
  })
})
