// Testing your own journey rules and services with the testing kit of `@parcours/domain/testing`:
// given/when/then against the journey decider (a readable line diff when it fails), and fast-check
// properties over generated journeys: one young person's valid journey (`arbJourney`), well-typed
// but often invalid commands (`arbAnyCommand`), and whole histories of several young people in
// several missions locales (`arbJourneyHistory`), here replayed through a real command handler.
//
// Run it: pnpm exec vitest run examples/propertyTestingJourneys.test.ts

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createJourneyCommandHandler,
  createVault,
  getInMemoryEventStore,
  getInMemoryKeyStore,
} from '@parcours/adapters'
import {
  foldJourney,
  isRegistered,
  journeyDecider,
  journeyEventCodec,
  journeyStreamName,
  pendingFollowUps,
  type JourneyEvent,
} from '@parcours/domain'
import {
  arbAnyCommand,
  arbJourney,
  arbJourneyHistory,
  fakeSealed,
  given,
  journeyFixture,
} from '@parcours/domain/testing'

const j = journeyFixture('y-1', 'ml-lyon')
const registered = j.history(
  j.command('RegisterYouth', '2025-01-10', {
    counsellorId: 'c-1',
    birthDate: '2006-06-15',
    rqth: false,
    personalData: fakeSealed(),
  }),
)

describe('given / when / then', () => {
  it('offers a proposal', () => {
    given(registered)
      .when(
        j.command('OfferProposal', '2025-01-20', {
          proposalId: 'p-1',
          theme: 'training',
          respondBy: '2025-02-10',
        }),
      )
      .then([
        j.event('ProposalOffered', '2025-01-20', {
          proposalId: 'p-1',
          theme: 'training',
          respondBy: '2025-02-10',
          counsellorId: 'c-1',
          training: null,
          partnerOffer: null,
        }),
      ])
  })

  it('schedules the next follow-up when the pending one is kept (an open journey always has one)', () => {
    given(registered)
      .when(j.command('KeepFollowUp', '2025-02-01', { followUpId: 'fu-1', comment: null }))
      .then([
        j.event('FollowUpKept', '2025-02-01', { followUpId: 'fu-1', comment: null }),
        j.event('FollowUpScheduled', '2025-02-01', {
          followUpId: 'fu-2',
          dueOn: '2025-03-03',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
  })

  it('refuses with a tagged error naming the rule and what to fix', () => {
    given(registered)
      .when(j.command('AcceptProposal', '2025-01-21', { proposalId: 'p-9' }))
      .thenError({ _tag: 'UnknownProposal', proposalId: 'p-9' })
    given(registered)
      .when(j.command('CloseJourney', '2025-03-01', { reason: 'other', comment: null }))
      .thenError('CommentRequired')
    given()
      .when(
        j.command('OfferProposal', '2025-01-20', {
          proposalId: 'p-1',
          theme: 'training',
          respondBy: '2025-02-10',
        }),
      )
      .thenError('NotRegistered')
  })

  it('fails with a line diff when the events differ', () => {
    const wrong = () =>
      given(registered)
        .when(
          j.command('OfferProposal', '2025-01-20', {
            proposalId: 'p-1',
            theme: 'training',
            respondBy: '2025-02-10',
          }),
        )
        .then([
          j.event('ProposalOffered', '2025-01-20', {
            proposalId: 'p-1',
            theme: 'housing',
            respondBy: '2025-02-10',
            counsellorId: 'c-1',
            training: null,
            partnerOffer: null,
          }),
        ])
    expect(wrong).toThrow(/- expected, \+ actual[\s\S]*-.*housing[\s\S]*\+.*training/)
  })
})

describe('properties of generated journeys', () => {
  it('replaying a journey gives the state the script ended in, and an open journey always has a pending follow-up', () => {
    fc.assert(
      fc.property(arbJourney({ steps: { min: 1, max: 30 } }), (journey) => {
        const state = foldJourney(journey.events)
        expect(state).toEqual(journey.state)
        if (isRegistered(state) && state.status === 'open')
          expect(pendingFollowUps(state).length).toBeGreaterThan(0)
        // Dates never move backwards within a journey.
        const dates = journey.events.map((e) => e.on)
        expect([...dates].sort()).toEqual(dates)
      }),
      { numRuns: 60 },
    )
  })

  it('decide never throws, and what it accepts is dated no later than the command and survives the codec', () => {
    fc.assert(
      fc.property(arbJourney({ steps: { min: 0, max: 15 } }), arbAnyCommand, (journey, command) => {
        const decision = journeyDecider.decide({ ...command, youthId: journey.youthId }, journey.state)
        if (decision._tag === 'Right')
          for (const event of decision.right) {
            // What fell due before the command's day comes first, dated the day it fell due.
            expect(event.on <= command.on).toBe(true)
            const encoded = journeyEventCodec.encode(event)
            expect(encoded._tag).toBe('Right')
          }
      }),
      { numRuns: 200 },
    )
  })

  it('a history sent through the command handler stores exactly the events the script decided', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbJourneyHistory({ youths: 3, missionLocales: 2, steps: { min: 1, max: 12 } }),
        async (history) => {
          const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
          const handle = createJourneyCommandHandler({
            store,
            vault: createVault({ keyStore: getInMemoryKeyStore() }),
          })
          for (const journey of history)
            for (const [i, command] of journey.commands.entries()) {
              const r = await handle({ commandId: `${journey.youthId}-${i}`, command })()
              expect(r._tag).toBe('Right')
            }
          // The handler seals the age limits with the vault (the script's seal is a test stand-in):
          // every other field is what the script decided.
          const unsealed = (e: JourneyEvent) =>
            e.type === 'YouthRegistered' ? { ...e, sealedAgeLimits: e.sealedAgeLimits !== null } : e
          for (const journey of history) {
            const read = await store.readStream(journeyStreamName(journey.youthId))()
            expect(read._tag === 'Right' ? read.right.map((r) => unsealed(r.event)) : read.left).toEqual(
              journey.events.map(unsealed),
            )
          }
          await store.close()
        },
      ),
      { numRuns: 15 },
    )
  })
})
