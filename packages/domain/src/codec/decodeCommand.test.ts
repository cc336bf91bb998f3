import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { arbAnyCommand } from '../testing/arbitraries.js'
import { decodeCommand } from './decodeCommand.js'

describe('decodeCommand', () => {
  test('a valid command decodes, unknown fields dropped', () => {
    const input = {
      type: 'ApplyTimeRules',
      youthId: 'y-1',
      missionLocaleId: 'ml-1',
      on: '2025-03-01',
      extra: 'dropped',
    }
    expect(decodeCommand(input)).toEqual({
      _tag: 'Right',
      right: { type: 'ApplyTimeRules', youthId: 'y-1', missionLocaleId: 'ml-1', on: '2025-03-01' },
    })
  })

  test('an invalid command lists its wrong fields with paths', () => {
    const input = {
      type: 'OfferProposal',
      youthId: 'y-1',
      missionLocaleId: '',
      on: '2025-03-01',
      proposalId: 'p-1',
      theme: 'training',
      respondBy: '2025-02-30',
    }
    expect(decodeCommand(input)).toEqual({
      _tag: 'Left',
      left: {
        _tag: 'InvalidCommand',
        paths: [
          'missionLocaleId: expected MissionLocaleId, got an empty string',
          'respondBy: expected LocalDate, got a string of 10 characters',
        ],
      },
    })
  })

  test('an unknown command type is named', () => {
    const r = decodeCommand({ type: 'Teleport' })
    expect(r._tag === 'Left' && r.left.paths[0]).toMatch(
      /^type: expected one of RegisterYouth \| .* got "Teleport"$/,
    )
    expect(decodeCommand(null)._tag).toBe('Left')
    expect(decodeCommand('RegisterYouth')._tag).toBe('Left')
  })

  test('property: every generated command decodes to itself (after a JSON trip)', () => {
    fc.assert(
      fc.property(arbAnyCommand, (command) => {
        const json: unknown = JSON.parse(JSON.stringify(command))
        const decoded = decodeCommand(json)
        // NaN and ±Infinity come back from JSON as null, which an employment with no duration
        // is; -0 comes back as 0; every other command is accepted unchanged.
        if (
          'durationMonths' in command &&
          command.durationMonths !== null &&
          !Number.isFinite(command.durationMonths)
        )
          expect(decoded).toEqual({ _tag: 'Right', right: { ...command, durationMonths: null } })
        else if ('durationMonths' in command && Object.is(command.durationMonths, -0))
          expect(decoded).toEqual({ _tag: 'Right', right: { ...command, durationMonths: 0 } })
        else expect(decoded).toEqual({ _tag: 'Right', right: command })
      }),
      { numRuns: 300 },
    )
  })
})
