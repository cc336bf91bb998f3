import { describe, expect, test } from 'vitest'
import { createJourneyDecider, journeyDecider } from '../decider/journeyDecider.js'
import { journeyFixture } from '../testing/fixtures.js'
import { givenDecider } from '../testing/givenWhenThen.js'
import { openingForTest } from '../testing/openedAgeLimits.js'
import { defaultJourneyPolicy, journeyPolicy } from './journeyPolicy.js'

const j = journeyFixture()

describe('journey policy', () => {
  test('the defaults are those of docs/domain.md', () => {
    expect(defaultJourneyPolicy).toEqual({
      minimumAge: 16,
      ageLimit: 26,
      cejRqthAgeLimit: 30,
      followUpWithinDays: 30,
      cejFollowUpEveryDays: 7,
      cejWeeklyFollowUpMonths: 3,
      paceaMaxMonths: 24,
      cejMaxMonths: 12,
      cejExtendedMaxMonths: 18,
      paceaSignatureWithinMonths: 1,
      paceaFirstPhaseWithinMonths: 1,
      immersionMaxMonths: 1,
      durableCddOverMonths: 6,
      proposalExpiryGraceDays: 0,
      acceptedProposalExpiryDays: 90,
      reminderDaysBefore: [7, 1],
      rqthCejEntryWithinDays: 30,
      exitMustMatchSituation: true,
      cejReentryWaitMonths: 6,
      cejMaxActivityHoursPerWeek: 35,
    })
    expect(journeyDecider.policy).toEqual(defaultJourneyPolicy)
    expect(journeyPolicy({ cejMaxMonths: 9 }).cejMaxMonths).toBe(9)
  })

  test('a decider with a longer proposal grace lets proposals expire later', () => {
    const lenient = givenDecider(openingForTest(createJourneyDecider({ proposalExpiryGraceDays: 7 })))
    const history = j.history(
      j.command('RegisterYouth', '2025-01-10', {
        counsellorId: 'c-1',
        birthDate: '2005-06-15',
        rqth: false,
        personalData: null,
      }),
      j.command('OfferProposal', '2025-01-12', {
        proposalId: 'p-1',
        theme: 'housing',
        respondBy: '2025-01-20',
      }),
    )
    lenient(history)
      .when(j.command('ApplyTimeRules', '2025-01-27', {}))
      .then([])
    lenient(history)
      .when(j.command('ApplyTimeRules', '2025-01-28', {}))
      .then([
        j.event('ProposalOutcomeRecorded', '2025-01-28', {
          proposalId: 'p-1',
          theme: 'housing',
          outcome: 'expired',
          offeredOn: '2025-01-12',
        }),
      ])
  })

  test('a decider with another age limit applies it at registration', () => {
    givenDecider(openingForTest(createJourneyDecider({ minimumAge: 18 })))([])
      .when(
        j.command('RegisterYouth', '2025-01-10', {
          counsellorId: 'c-1',
          birthDate: '2008-01-01',
          rqth: false,
          personalData: null,
        }),
      )
      .thenError({ _tag: 'NotEligible', age: 17, minimumAge: 18 })
  })
})
