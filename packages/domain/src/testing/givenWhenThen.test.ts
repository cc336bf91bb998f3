import { describe, expect, test } from 'vitest'
import type { Decider } from '../decider/decider.js'
import { journeyDecider } from '../decider/journeyDecider.js'
import { journeyFixture } from './fixtures.js'
import { given, givenDecider } from './givenWhenThen.js'
import { lineDiff } from './lineDiff.js'
import { openingForTest } from './openedAgeLimits.js'
import { runScript } from './runScript.js'

const j = journeyFixture()
const register = j.command('RegisterYouth', '2025-01-10', {
  counsellorId: 'c-1',
  birthDate: '2005-06-15',
  rqth: false,
  personalData: null,
})

// A counter Decider: the kit works for any Decider, not only the journey.
type Cmd = { readonly add: number }
type Ev = { readonly added: number }
const counter: Decider<Cmd, number, Ev, { readonly _tag: 'Negative'; readonly by: number }> = {
  initialState: 0,
  evolve: (s, e) => s + e.added,
  decide: (c, s) =>
    s + c.add < 0
      ? { _tag: 'Left', left: { _tag: 'Negative', by: s + c.add } }
      : { _tag: 'Right', right: [{ added: c.add }] },
}

describe('given / when / then', () => {
  test('passes when the events match, for any Decider', () => {
    givenDecider(counter)([{ added: 2 }])
      .when({ add: 3 })
      .then([{ added: 3 }])
    givenDecider(counter)([{ added: 2 }])
      .when({ add: -5 })
      .thenError({ _tag: 'Negative', by: -3 })
    expect(givenDecider(counter)([{ added: 2 }]).when({ add: 1 }).state).toBe(2)
  })

  test('a mismatch throws with a readable line diff', () => {
    expect(() =>
      givenDecider(counter)([])
        .when({ add: 3 })
        .then([{ added: 4 }]),
    ).toThrow(
      'The decided events differ (- expected, + actual):\n  [\n    {\n-     "added": 4\n+     "added": 3\n    }\n  ]',
    )
  })

  test('an unexpected refusal or acceptance throws and says which', () => {
    expect(() =>
      given([])
        .when(j.command('ApplyTimeRules', '2025-01-10', {}))
        .then([]),
    ).toThrow(/Expected events, but the command was refused/)
    expect(() => given([]).when(register).thenError('NotEligible')).toThrow(
      /Expected a refusal, but the command was accepted/,
    )
    expect(() =>
      given([])
        .when(j.command('ApplyTimeRules', '2025-01-10', {}))
        .thenError('AlreadyRegistered'),
    ).toThrow('-   "_tag": "AlreadyRegistered"\n+   "_tag": "NotRegistered"')
  })

  test('lineDiff marks removed and added lines', () => {
    expect(lineDiff(['a', 'b'], ['a', 'c'])).toBe('  [\n    "a",\n-   "b"\n+   "c"\n  ]')
  })

  test('runScript keeps accepted events and indexed refusals', () => {
    const run = runScript(openingForTest(journeyDecider), [
      register,
      register,
      j.command('CompleteDiagnostic', '2025-01-11', { comment: null }),
    ])
    expect(run.events.map((e) => e.type)).toEqual([
      'YouthRegistered',
      'FollowUpScheduled',
      'DiagnosticCompleted',
    ])
    expect(run.rejections).toEqual([
      { index: 1, command: register, error: { _tag: 'AlreadyRegistered', registeredOn: '2025-01-10' } },
    ])
    expect(run.state.status).toBe('open')
  })
})
