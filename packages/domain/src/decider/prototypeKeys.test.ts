import { isLeft } from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import type { JourneyCommand } from '../model/commands.js'
import type { JourneyState } from '../model/state.js'
import { journeyFixture } from '../testing/fixtures.js'
import { openingForTest } from '../testing/openedAgeLimits.js'
import { foldJourney } from './evolve.js'
import { journeyDecider } from './journeyDecider.js'

const decideJourney = openingForTest(journeyDecider).decide

// Ids are free tokens: one that names a member of Object.prototype is an id like any other.
const j = journeyFixture()
const ids = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']

const run = (commands: ReadonlyArray<JourneyCommand>): JourneyState =>
  commands.reduce<JourneyState>(
    (state, c) => {
      const r = decideJourney(c, state)
      if (isLeft(r)) throw new Error(`${c.type} refused: ${JSON.stringify(r.left)}`)
      return foldJourney(r.right, state)
    },
    { status: 'unregistered' },
  )

describe('ids named like Object.prototype members', () => {
  test.each(ids)('%s works as a request, proposal, situation and follow-up id', (id) => {
    const state = run([
      j.command('RegisterYouth', '2025-01-10', {
        counsellorId: 'c-1',
        birthDate: '2005-06-15',
        rqth: false,
        personalData: null,
      }),
      j.command('RecordRequest', '2025-01-11', { requestId: id, theme: 'housing', comment: null }),
      j.command('OfferProposal', '2025-01-12', {
        proposalId: id,
        theme: 'training',
        respondBy: '2025-01-30',
      }),
      j.command('AcceptProposal', '2025-01-13', { proposalId: id }),
      j.command('StartTraining', '2025-01-14', {
        trainingId: id,
        proposalId: id,
        qualifying: true,
        plannedEndOn: null,
      }),
      j.command('EndTraining', '2025-01-20', { trainingId: id, result: 'completed' }),
      j.command('RecordProposalOutcome', '2025-01-21', { proposalId: id, outcome: 'carried-out' }),
      j.command('ScheduleFollowUp', '2025-01-22', {
        followUpId: id,
        dueOn: '2025-02-01',
        kind: 'phone-or-video-call',
      }),
      j.command('KeepFollowUp', '2025-02-01', { followUpId: id, comment: null }),
    ])
    expect(state.status).toBe('open')
    if (state.status !== 'open') return
    expect(Object.hasOwn(state.requests, id)).toBe(true)
    expect(state.proposals[id]).toMatchObject({ status: 'closed', outcome: 'carried-out' })
    expect(state.situations[id]).toMatchObject({ kind: 'training', endedOn: '2025-01-20' })
    expect(state.followUps[id]).toMatchObject({ status: 'present' })
  })

  test.each(ids)('an unknown %s is unknown', (id) => {
    const registered = run([
      j.command('RegisterYouth', '2025-01-10', {
        counsellorId: 'c-1',
        birthDate: '2005-06-15',
        rqth: false,
        personalData: null,
      }),
    ])
    const refusal = (c: JourneyCommand): string | undefined => {
      const r = decideJourney(c, registered)
      return isLeft(r) ? r.left._tag : undefined
    }
    expect(refusal(j.command('AcceptProposal', '2025-01-13', { proposalId: id }))).toBe('UnknownProposal')
    expect(refusal(j.command('KeepFollowUp', '2025-01-13', { followUpId: id, comment: null }))).toBe(
      'UnknownFollowUp',
    )
    expect(refusal(j.command('EndEmployment', '2025-01-13', { employmentId: id }))).toBe('UnknownSituation')
  })
})
