import * as t from 'io-ts'
import { LocalDate } from './localDate.js'

// ---------------------------------------------------------------------------------------------
// model: the closed vocabularies of the CEJ as a contract of engagement (docs/domain.md)
// ---------------------------------------------------------------------------------------------

const keys = <K extends string>(values: readonly K[], name: string) =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as Record<K, null>, name)

/** Activities declared with their weekly hours (the others count from the facts of the journey). */
export const activityKinds = ['immersion', 'training', 'other-activity'] as const
/** The codec of `ActivityKind`: one of `activityKinds`. */
export const ActivityKind = keys(activityKinds, 'ActivityKind')
export type ActivityKind = t.TypeOf<typeof ActivityKind>

/** Kinds of breach of the CEJ's commitments. */
export const breachKinds = [
  'unjustified-absence',
  'refused-activity',
  'missed-commitment',
  'false-declaration',
] as const
/** The codec of `BreachKind`: one of `breachKinds`. */
export const BreachKind = keys(breachKinds, 'BreachKind')
export type BreachKind = t.TypeOf<typeof BreachKind>

/** What the hearing of the young person concluded: the breach stands, or it was justified. */
export const hearingOutcomes = ['breach-upheld', 'breach-justified'] as const
/** The codec of `HearingOutcome`: one of `hearingOutcomes`. */
export const HearingOutcome = keys(hearingOutcomes, 'HearingOutcome')
export type HearingOutcome = t.TypeOf<typeof HearingOutcome>

/** The sanction ladder: 1st −25% of a month's allowance, 2nd a month suspended, 3rd removal. */
export const cejSanctions = ['allowance-reduced', 'allowance-suspended', 'contract-terminated'] as const
/** The codec of `CejSanction`: one of `cejSanctions`. */
export const CejSanction = keys(cejSanctions, 'CejSanction')
export type CejSanction = t.TypeOf<typeof CejSanction>

/** The household's income tax status (personal data: it travels sealed). */
export const householdTaxStatuses = ['non-taxable', 'first-bracket', 'taxable-beyond-first-bracket'] as const
/** The codec of `HouseholdTaxStatus`: one of `householdTaxStatuses`. */
export const HouseholdTaxStatus = keys(householdTaxStatuses, 'HouseholdTaxStatus')
export type HouseholdTaxStatus = t.TypeOf<typeof HouseholdTaxStatus>

/** Where the allowance is paid: Mayotte has its own amounts (art. D5131-19). */
export const allowanceTerritories = ['general', 'mayotte'] as const
/** The codec of `AllowanceTerritory`: one of `allowanceTerritories`. */
export const AllowanceTerritory = keys(allowanceTerritories, 'AllowanceTerritory')
export type AllowanceTerritory = t.TypeOf<typeof AllowanceTerritory>

/**
 * What sets the amount of a young person's allowance. Personal data (the household's tax status,
 * and a minor's 18th birthday, which gives the birth date away): it reaches `decide` and the
 * statement opened, as input, and is stored only sealed. Field names match the vault's personal
 * fields, so loggers redact them.
 */
export const AllowanceBasis = t.type(
  {
    householdTaxStatus: HouseholdTaxStatus,
    allowanceTerritory: AllowanceTerritory,
    /** The 18th birthday of a young person still a minor at signature; null for an adult. */
    adultOn: t.union([LocalDate, t.null]),
  },
  'AllowanceBasis',
)
export type AllowanceBasis = t.TypeOf<typeof AllowanceBasis>
