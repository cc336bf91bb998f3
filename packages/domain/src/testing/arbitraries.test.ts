import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { journeyDecider } from '../decider/journeyDecider.js'
import { foldJourney } from '../decider/evolve.js'
import { JourneyCommand } from '../model/commands.js'
import { LocalDate } from '../model/localDate.js'
import { arbAnyCommand, arbJourneyHistory, arbJourneyScript, arbLocalDate } from './arbitraries.js'
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
        const nonFinite = 'durationMonths' in c && c.durationMonths !== null && !Number.isFinite(c.durationMonths)
        expect(JourneyCommand.is(c) || nonFinite).toBe(true)
      }),
      { numRuns: 200 },
    )
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
    for (const t of ['YouthRegistered', 'ProposalOffered', 'ProposalAccepted', 'ProposalOutcomeRecorded', 'ProgrammeEntered', 'ProgrammeExited', 'TrainingStarted', 'EmploymentStarted', 'FollowUpKept', 'FollowUpMissed', 'FollowUpDue', 'JourneyClosed'])
      expect(types).toContain(t)
    const themes = new Set(events.flatMap((e) => (e.type === 'ProposalOffered' ? [e.theme] : [])))
    expect(themes.size).toBe(10)
    const outcomes = new Set(events.flatMap((e) => (e.type === 'ProposalOutcomeRecorded' ? [e.outcome] : [])))
    expect(outcomes.size).toBe(4)
    const exits = new Set(events.flatMap((e) => (e.type === 'JourneyClosed' ? [e.reason] : [])))
    expect(exits.size).toBeGreaterThanOrEqual(5)
    expect(new Set(histories.map((h) => h.missionLocaleId))).toEqual(new Set(['ml-1', 'ml-2', 'ml-3']))
    for (const h of histories) {
      expect(foldJourney(h.events)).toEqual(h.state)
      expect(h.events.every((e) => e.youthId === h.youthId)).toBe(true)
    }
  })
})
