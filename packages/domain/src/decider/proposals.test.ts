import { describe, test } from 'vitest'
import type { PartnerOfferRef, TrainingRef } from '../model/ids.js'
import { journeyFixture } from '../testing/fixtures.js'
import { given } from '../testing/givenWhenThen.js'

const j = journeyFixture()
const registered = j.command('RegisterYouth', '2025-01-10', {
  counsellorId: 'c-1',
  birthDate: '2005-06-15',
  rqth: false,
  personalData: null,
})
const offer = (
  proposalId: string,
  theme: 'training' | 'employment' | 'housing',
  on = '2025-02-01',
  respondBy = '2025-02-20',
) => j.command('OfferProposal', on, { proposalId, theme, respondBy })
const offered = [registered, offer('p-1', 'training')]

describe('proposals', () => {
  test('a counsellor offers a proposal with a theme', () => {
    given(j.history(registered))
      .when(offer('p-1', 'housing'))
      .thenEndsWith([
        j.event('ProposalOffered', '2025-02-01', {
          proposalId: 'p-1',
          theme: 'housing',
          respondBy: '2025-02-20',
          counsellorId: 'c-1',
          training: null,
          partnerOffer: null,
        }),
      ])
  })

  test('a training proposal offers a session of the catalogue; another theme cannot', () => {
    const training = { actionId: 'AF_0042', sessionId: 'SE_0042_1' } as TrainingRef
    given(j.history(registered))
      .when(
        j.command('OfferProposal', '2025-02-01', {
          proposalId: 'p-1',
          theme: 'training',
          respondBy: '2025-02-20',
          training,
        }),
      )
      .thenEndsWith([
        j.event('ProposalOffered', '2025-02-01', {
          proposalId: 'p-1',
          theme: 'training',
          respondBy: '2025-02-20',
          counsellorId: 'c-1',
          training,
          partnerOffer: null,
        }),
      ])
    given(j.history(registered))
      .when(
        j.command('OfferProposal', '2025-02-01', {
          proposalId: 'p-1',
          theme: 'employment',
          respondBy: '2025-02-20',
          training,
        }),
      )
      .thenError({ _tag: 'TrainingLinkOnOtherTheme', proposalId: 'p-1', theme: 'employment' })
  })

  test('an employment or apprenticeship proposal carries a partner job offer; another theme cannot', () => {
    const partnerOffer = { partner: 'france-travail', offerId: '187XKPL' } as PartnerOfferRef
    for (const theme of ['employment', 'apprenticeship'] as const)
      given(j.history(registered))
        .when(
          j.command('OfferProposal', '2025-02-01', {
            proposalId: 'p-1',
            theme,
            respondBy: '2025-02-20',
            partnerOffer,
          }),
        )
        .thenEndsWith([
          j.event('ProposalOffered', '2025-02-01', {
            proposalId: 'p-1',
            theme,
            respondBy: '2025-02-20',
            counsellorId: 'c-1',
            training: null,
            partnerOffer,
          }),
        ])
    given(j.history(registered))
      .when(
        j.command('OfferProposal', '2025-02-01', {
          proposalId: 'p-1',
          theme: 'housing',
          respondBy: '2025-02-20',
          partnerOffer,
        }),
      )
      .thenError({ _tag: 'PartnerOfferOnOtherTheme', proposalId: 'p-1', theme: 'housing' })
  })

  test('proposal ids are unique within a journey', () => {
    given(j.history(...offered))
      .when(offer('p-1', 'employment', '2025-02-03'))
      .thenError({ _tag: 'DuplicateProposal', proposalId: 'p-1' })
  })

  test('the respond-by date is not before the offer', () => {
    given(j.history(registered))
      .when(offer('p-1', 'housing', '2025-02-01', '2025-01-31'))
      .thenError('RespondByBeforeOffer')
  })

  test('the young person accepts a proposal', () => {
    given(j.history(...offered))
      .when(j.command('AcceptProposal', '2025-02-05', { proposalId: 'p-1' }))
      .thenEndsWith([j.event('ProposalAccepted', '2025-02-05', { proposalId: 'p-1', theme: 'training' })])
    given(j.history(...offered, j.command('AcceptProposal', '2025-02-05', { proposalId: 'p-1' })))
      .when(j.command('AcceptProposal', '2025-02-06', { proposalId: 'p-1' }))
      .thenError('ProposalAlreadyAccepted')
  })

  test('a proposal ends with its outcome', () => {
    given(j.history(...offered))
      .when(
        j.command('RecordProposalOutcome', '2025-02-10', {
          proposalId: 'p-1',
          outcome: 'refused-by-third-party',
        }),
      )
      .thenEndsWith([
        j.event('ProposalOutcomeRecorded', '2025-02-10', {
          proposalId: 'p-1',
          theme: 'training',
          outcome: 'refused-by-third-party',
          offeredOn: '2025-02-01',
        }),
        j.event('FollowUpScheduled', '2025-02-10', {
          followUpId: 'fu-2',
          dueOn: '2025-03-12',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
  })

  test('exactly one outcome per proposal', () => {
    given(
      j.history(
        ...offered,
        j.command('RecordProposalOutcome', '2025-02-10', { proposalId: 'p-1', outcome: 'refused-by-youth' }),
      ),
    )
      .when(j.command('RecordProposalOutcome', '2025-02-11', { proposalId: 'p-1', outcome: 'carried-out' }))
      .thenError({ _tag: 'OutcomeAlreadyRecorded', proposalId: 'p-1', outcome: 'refused-by-youth' })
  })

  test('an outcome is never dated before the offer', () => {
    given(j.history(...offered))
      .when(j.command('RecordProposalOutcome', '2025-01-31', { proposalId: 'p-1', outcome: 'carried-out' }))
      .thenError({ _tag: 'DatedBeforeOffer', proposalId: 'p-1', on: '2025-01-31', offeredOn: '2025-02-01' })
  })

  test('outcomes only for offered proposals', () => {
    given(j.history(...offered))
      .when(j.command('RecordProposalOutcome', '2025-02-10', { proposalId: 'p-9', outcome: 'carried-out' }))
      .thenError({ _tag: 'UnknownProposal', proposalId: 'p-9' })
    given(j.history(...offered))
      .when(j.command('AcceptProposal', '2025-02-10', { proposalId: 'p-9' }))
      .thenError('UnknownProposal')
  })

  test('a proposal is recorded expired only after its respond-by date (policy)', () => {
    given(j.history(...offered))
      .when(j.command('RecordProposalOutcome', '2025-02-20', { proposalId: 'p-1', outcome: 'expired' }))
      .thenError({ _tag: 'ProposalNotExpired', respondBy: '2025-02-20' })
    given(j.history(...offered))
      .when(j.command('RecordProposalOutcome', '2025-02-21', { proposalId: 'p-1', outcome: 'expired' }))
      .thenEndsWith([
        j.event('ProposalOutcomeRecorded', '2025-02-21', {
          proposalId: 'p-1',
          theme: 'training',
          outcome: 'expired',
          offeredOn: '2025-02-01',
        }),
      ])
  })
})
