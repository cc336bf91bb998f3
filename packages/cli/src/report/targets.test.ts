import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { parseTargets, targetStatus } from './targets.js'

describe('targets', () => {
  it('reads rates in percent, counts and days as numbers', () => {
    const r = parseTargets(
      '{ "positiveExitRate": 44, "firstReceptions": 400, "medianDaysToFirstProposal": 30 }',
    )
    expect(isRight(r) && r.right).toEqual({
      positiveExitRate: 0.44,
      firstReceptions: 400,
      medianDaysToFirstProposal: 30,
    })
    expect(isRight(parseTargets('{}'))).toBe(true)
  })

  it('refuses anything else with one message naming what is wrong', () => {
    for (const [json, message] of [
      ['{ "positiveExitRate": 144 }', '"positiveExitRate" is a rate in percent: from 0 to 100'],
      ['{ "exits": 3 }', 'unknown indicator "exits"'],
      ['{ "inContact": -1 }', '"inContact" must be a number ≥ 0'],
      ['{ "inContact": "12" }', '"inContact" must be a number ≥ 0'],
      ['[44]', 'must hold one JSON object'],
      ['{ positiveExitRate: 44 }', 'is not JSON'],
    ] as const) {
      const r = parseTargets(json)
      expect(isLeft(r) && r.left, json).toContain(message)
    }
  })

  it('meets a target from above for counts and rates, from below for delays; unknown without a value', () => {
    expect(targetStatus('positiveExitRate', 0.44, 0.44)).toBe('met')
    expect(targetStatus('positiveExitRate', 0.43, 0.44)).toBe('missed')
    expect(targetStatus('medianDaysToFirstProposal', 30, 30)).toBe('met')
    expect(targetStatus('medianDaysToFirstProposal', 31, 30)).toBe('missed')
    expect(targetStatus('positiveExitRate', null, 0.44)).toBe('unknown')
  })
})
