import * as fc from 'fast-check'
import type { AllowanceBasis } from '../model/cejVocabulary.js'
import {
  activityKinds,
  allowanceTerritories,
  breachKinds,
  cejSanctions,
  hearingOutcomes,
  householdTaxStatuses,
} from '../model/cejVocabulary.js'
import type { ActivityId, BreachId } from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'

// ---------------------------------------------------------------------------------------------
// fast-check arbitraries for the CEJ's engagement: the props of its commands and events, from
// small pools of ids so that generated commands often meet what exists.
// ---------------------------------------------------------------------------------------------

type Props = Record<string, fc.Arbitrary<unknown>>

const id = <B>(prefix: string, size = 3): fc.Arbitrary<B> =>
  fc.integer({ min: 1, max: size }).map((n) => `${prefix}-${n}` as B)

/** An activity id from a pool of three. */
export const arbActivityId = id<ActivityId>('a')
/** A breach id from a pool of four. */
export const arbBreachId = id<BreachId>('b', 4)

/** Weekly hours, sometimes out of range or not whole. */
export const arbWeeklyHours = fc.oneof(
  fc.integer({ min: 1, max: 35 }),
  fc.integer({ min: -2, max: 60 }),
  fc.constant(2.5),
)

/** An allowance basis: household, territory, and for a minor the 18th birthday. */
export const arbAllowanceBasis = (date: fc.Arbitrary<LocalDate>): fc.Arbitrary<AllowanceBasis> =>
  fc.record({
    householdTaxStatus: fc.constantFrom(...householdTaxStatuses),
    allowanceTerritory: fc.constantFrom(...allowanceTerritories),
    adultOn: fc.option(date, { nil: null }),
  })

/** The props of each CEJ command, given arbitraries for dates and sealed values. */
export const cejCommandProps = (
  date: fc.Arbitrary<LocalDate>,
  sealed: fc.Arbitrary<unknown>,
): ReadonlyArray<readonly [string, Props]> => [
  [
    'DeclareActivity',
    {
      activityId: arbActivityId,
      kind: fc.constantFrom(...activityKinds),
      startsOn: date,
      endsOn: date,
      hoursPerWeek: arbWeeklyHours,
    },
  ],
  ['ValidateActivity', { activityId: arbActivityId, hoursPerWeek: arbWeeklyHours }],
  [
    'SetCejAllowance',
    {
      household: arbAllowanceBasis(date),
      rsa: fc.boolean(),
      primeActivite: fc.boolean(),
      personalData: fc.option(sealed, { nil: null }),
    },
  ],
  ['RecordCejBreach', { breachId: arbBreachId, kind: fc.constantFrom(...breachKinds) }],
  ['RecordCejHearing', { breachId: arbBreachId, outcome: fc.constantFrom(...hearingOutcomes) }],
  ['DecideCejSanction', { breachId: arbBreachId }],
  ['ShortenCejWaitingPeriod', { endsOn: date }],
]

/** The props of each CEJ event, given arbitraries for dates and sealed values. */
export const cejEventProps = (
  date: fc.Arbitrary<LocalDate>,
  sealed: fc.Arbitrary<unknown>,
): ReadonlyArray<readonly [string, Props]> => [
  [
    'ActivityDeclared',
    {
      activityId: arbActivityId,
      kind: fc.constantFrom(...activityKinds),
      startsOn: date,
      endsOn: date,
      hoursPerWeek: fc.integer({ min: 1, max: 35 }),
    },
  ],
  ['ActivityValidated', { activityId: arbActivityId, hoursPerWeek: fc.integer({ min: 0, max: 35 }) }],
  ['CejAllowanceSet', { personalData: fc.option(sealed, { nil: null }) }],
  ['CejBreachRecorded', { breachId: arbBreachId, kind: fc.constantFrom(...breachKinds) }],
  ['CejHearingHeld', { breachId: arbBreachId, outcome: fc.constantFrom(...hearingOutcomes) }],
  [
    'CejSanctionDecided',
    {
      breachId: arbBreachId,
      rank: fc.integer({ min: 1, max: 3 }),
      sanction: fc.constantFrom(...cejSanctions),
      effectiveOn: date,
    },
  ],
  ['CejWaitingPeriodShortened', { endsOn: date }],
]
