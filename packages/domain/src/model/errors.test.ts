import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { journeyDecider } from '../decider/journeyDecider.js'
import { arbAnyCommand, arbJourney } from '../testing/arbitraries.js'
import type { JourneyError } from './errors.js'
import { describeJourneyError } from './errors.js'

describe('journey errors', () => {
  test('describeJourneyError gives one line naming the rule, with the data to fix the input', () => {
    const e: JourneyError = { _tag: 'NotEligible', age: 15, minimumAge: 16, ageLimit: 26, rqth: false }
    expect(describeJourneyError(e)).toBe(
      'Not eligible: aged 15 on the registration date, eligible from 16 up to 25.',
    )
    expect(
      describeJourneyError({
        _tag: 'ProgrammeTooLong',
        programme: 'CEJ',
        maxMonths: 12,
        plannedEndOn: '2026-02-02' as never,
        latestEndOn: '2026-02-01' as never,
      }),
    ).toBe('A CEJ lasts 12 months at most: planned end 2026-02-02 is after 2026-02-01.')
  })

  test('property: every refusal decide returns is described in one non-empty line', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(arbJourney(), fc.array(arbAnyCommand, { maxLength: 10 }), (script, commands) => {
        for (const command of commands) {
          const aimed = { ...command, youthId: script.youthId, missionLocaleId: script.missionLocaleId }
          const r = journeyDecider.decide(aimed, script.state)
          if (r._tag === 'Right') continue
          seen.add(r.left._tag)
          const line = describeJourneyError(r.left)
          expect(line.length).toBeGreaterThan(10)
          expect(line).not.toContain('\n')
          expect(line).not.toContain('undefined')
        }
      }),
      { numRuns: 100 },
    )
    expect(seen.size).toBeGreaterThan(10)
  })
})
