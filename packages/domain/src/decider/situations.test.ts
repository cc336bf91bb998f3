import { describe, test } from 'vitest'
import type { TrainingRef } from '../model/ids.js'
import { journeyFixture } from '../testing/fixtures.js'
import { given } from '../testing/givenWhenThen.js'

const j = journeyFixture()
const registered = j.command('RegisterYouth', '2025-01-10', {
  counsellorId: 'c-1',
  birthDate: '2005-06-15',
  rqth: false,
  personalData: null,
})
const offer = (proposalId: string, theme: 'training' | 'apprenticeship' | 'employment') =>
  j.command('OfferProposal', '2025-02-01', { proposalId, theme, respondBy: '2025-02-20' })
const start = (on: string, proposalId: string | null, plannedEndOn: string | null = null) =>
  j.command('StartTraining', on, { trainingId: 's-1', proposalId, qualifying: true, plannedEndOn })
const employ = (
  contract: 'CDI' | 'CDD' | 'temporary' | 'apprenticeship' | 'subsidised',
  durationMonths: number | null,
) =>
  j.command('StartEmployment', '2025-03-01', {
    employmentId: 'e-1',
    proposalId: null,
    contract,
    durationMonths,
  })

describe('situations', () => {
  test('a training entry from a proposal requires an accepted training proposal', () => {
    given(
      j.history(
        registered,
        offer('p-1', 'training'),
        j.command('AcceptProposal', '2025-02-05', { proposalId: 'p-1' }),
      ),
    )
      .when(start('2025-03-01', 'p-1', '2025-09-01'))
      .thenEndsWith([
        j.event('TrainingStarted', '2025-03-01', {
          trainingId: 's-1',
          proposalId: 'p-1',
          qualifying: true,
          plannedEndOn: '2025-09-01',
          training: null,
        }),
      ])
    given(j.history(registered, offer('p-1', 'training')))
      .when(start('2025-03-01', 'p-1'))
      .thenError({ _tag: 'ProposalNotAccepted', proposalId: 'p-1' })
  })

  test('a training entry names the action and session of the catalogue it entered', () => {
    const training = { actionId: 'AF_0042', sessionId: 'SE_0042_1' } as TrainingRef
    given(j.history(registered))
      .when(
        j.command('StartTraining', '2025-03-01', {
          trainingId: 's-1',
          proposalId: null,
          qualifying: false,
          plannedEndOn: null,
          training,
        }),
      )
      .thenEndsWith([
        j.event('TrainingStarted', '2025-03-01', {
          trainingId: 's-1',
          proposalId: null,
          qualifying: false,
          plannedEndOn: null,
          training,
        }),
      ])
  })

  test('a training entry from a carried-out apprenticeship proposal is accepted', () => {
    given(
      j.history(
        registered,
        offer('p-1', 'apprenticeship'),
        j.command('RecordProposalOutcome', '2025-02-10', { proposalId: 'p-1', outcome: 'carried-out' }),
      ),
    )
      .when(start('2025-03-01', 'p-1'))
      .thenEndsWith([
        j.event('TrainingStarted', '2025-03-01', {
          trainingId: 's-1',
          proposalId: 'p-1',
          qualifying: true,
          plannedEndOn: null,
          training: null,
        }),
      ])
  })

  test('a training entry from a refused proposal is refused', () => {
    given(
      j.history(
        registered,
        offer('p-1', 'training'),
        j.command('RecordProposalOutcome', '2025-02-10', { proposalId: 'p-1', outcome: 'refused-by-youth' }),
      ),
    )
      .when(start('2025-03-01', 'p-1'))
      .thenError('ProposalNotAccepted')
  })

  test('a training entry from a proposal of another theme is refused', () => {
    given(
      j.history(
        registered,
        offer('p-1', 'employment'),
        j.command('AcceptProposal', '2025-02-05', { proposalId: 'p-1' }),
      ),
    )
      .when(start('2025-03-01', 'p-1'))
      .thenError({ _tag: 'NotATrainingProposal', theme: 'employment' })
    given(j.history(registered)).when(start('2025-03-01', 'p-7')).thenError('UnknownProposal')
  })

  test('end date ≥ start date', () => {
    given(j.history(registered))
      .when(start('2025-03-01', null, '2025-02-28'))
      .thenError({ _tag: 'EndBeforeStart', startOn: '2025-03-01', endOn: '2025-02-28' })
    given(j.history(registered, start('2025-03-01', null)))
      .when(j.command('EndTraining', '2025-02-28', { trainingId: 's-1', result: 'completed' }))
      .thenError('EndBeforeStart')
    given(j.history(registered, start('2025-03-01', null)))
      .when(j.command('EndTraining', '2025-03-01', { trainingId: 's-1', result: 'abandoned' }))
      .thenEndsWith([j.event('TrainingEnded', '2025-03-01', { trainingId: 's-1', result: 'abandoned' })])
  })

  test('a situation ends once, and only an existing one', () => {
    const ended = [
      registered,
      start('2025-03-01', null),
      j.command('EndTraining', '2025-06-01', { trainingId: 's-1', result: 'completed' }),
    ]
    given(j.history(...ended))
      .when(j.command('EndTraining', '2025-06-02', { trainingId: 's-1', result: 'completed' }))
      .thenError({ _tag: 'SituationAlreadyEnded', endedOn: '2025-06-01' })
    given(j.history(registered))
      .when(j.command('EndEmployment', '2025-06-02', { employmentId: 'e-1' }))
      .thenError('UnknownSituation')
    given(j.history(registered, start('2025-03-01', null)))
      .when(
        j.command('StartEmployment', '2025-03-01', {
          employmentId: 's-1',
          proposalId: null,
          contract: 'CDI',
          durationMonths: null,
        }),
      )
      .thenError({ _tag: 'DuplicateSituation', situationId: 's-1' })
  })

  test('durable employment is derived: CDI, CDD over 6 months, apprenticeship', () => {
    const durable = (
      contract: 'CDI' | 'CDD' | 'temporary' | 'apprenticeship' | 'subsidised',
      months: number | null,
      expected: boolean,
    ) =>
      given(j.history(registered))
        .when(employ(contract, months))
        .thenEndsWith([
          j.event('EmploymentStarted', '2025-03-01', {
            employmentId: 'e-1',
            proposalId: null,
            contract,
            durationMonths: months,
            durable: expected,
          }),
        ])
    durable('CDI', null, true)
    durable('apprenticeship', 24, true)
    durable('CDD', 7, true)
    durable('CDD', 6, false)
    durable('temporary', 1, false)
    durable('subsidised', 12, false)
  })

  test('a CDD needs its duration in whole months', () => {
    given(j.history(registered))
      .when(employ('CDD', null))
      .thenError({ _tag: 'DurationRequired', contract: 'CDD' })
    given(j.history(registered))
      .when(employ('CDD', 2.5))
      .thenError({ _tag: 'InvalidDuration', durationMonths: 2.5 })
    given(j.history(registered)).when(employ('temporary', 0)).thenError('InvalidDuration')
  })

  test('an employment ends', () => {
    given(j.history(registered, employ('CDD', 3)))
      .when(j.command('EndEmployment', '2025-06-01', { employmentId: 'e-1' }))
      .thenEndsWith([j.event('EmploymentEnded', '2025-06-01', { employmentId: 'e-1' })])
  })
})
