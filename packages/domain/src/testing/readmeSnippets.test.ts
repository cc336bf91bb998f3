import * as fc from 'fast-check'
import { isLeft } from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { decodeCommand, describeJourneyError, foldJourney, journeyDecider } from '../index.js'
import { arbJourney, given, journeyFixture } from './index.js'

// The snippets of packages/domain/README.md, kept runnable.
describe('README snippets', () => {
  test('calling decide without fp-ts ceremony', () => {
    const j = journeyFixture('y-1', 'ml-1')
    const pastEvents = j.history(
      j.command('RegisterYouth', '2025-01-10', {
        counsellorId: 'c-1',
        birthDate: '2005-06-15',
        rqth: false,
        personalData: null,
      }),
    )
    const untrustedJson: unknown = {
      type: 'ExitProgramme',
      youthId: 'y-1',
      missionLocaleId: 'ml-1',
      on: '2025-02-01',
      reason: 'autonomy',
      // What the shell opened from the sealed registration (the vault): the journey's age limits.
      ageLimits: { ageLimitOn: '2031-06-15', cejAgeLimitOn: '2031-06-15' },
    }
    const state = foldJourney(pastEvents)
    const command = decodeCommand(untrustedJson)
    if (isLeft(command)) throw new Error(command.left.paths.join('; '))
    const decision = journeyDecider.decide(command.right, state)
    expect(isLeft(decision) && describeJourneyError(decision.left)).toBe('No programme is open.')
  })

  test('given / when / then', () => {
    const j = journeyFixture('y-1', 'ml-1')
    const registered = j.history(
      j.command('RegisterYouth', '2025-01-10', {
        counsellorId: 'c-1',
        birthDate: '2005-06-15',
        rqth: false,
        personalData: null,
      }),
    )
    given(registered)
      .when(
        j.command('OfferProposal', '2025-02-01', {
          proposalId: 'p-1',
          theme: 'training',
          respondBy: '2025-02-20',
        }),
      )
      .then([
        j.event('ProposalOffered', '2025-02-01', {
          proposalId: 'p-1',
          theme: 'training',
          respondBy: '2025-02-20',
          counsellorId: 'c-1',
          training: null,
          partnerOffer: null,
        }),
      ])
    given(registered)
      .when(j.command('AcceptProposal', '2025-02-02', { proposalId: 'p-9' }))
      .thenError({ _tag: 'UnknownProposal', proposalId: 'p-9' })
  })

  test('property: a generated journey replays to its state', () => {
    fc.assert(
      fc.property(arbJourney(), (j) => {
        expect(foldJourney(j.events)).toEqual(j.state)
      }),
      { numRuns: 50 },
    )
  })
})
