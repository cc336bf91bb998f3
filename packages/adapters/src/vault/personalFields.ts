import * as t from 'io-ts'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** The names of the personal fields the vault seals; loggers redact every one of them. */
export const personalFieldNames = [
  'firstName',
  'lastName',
  'birthDate',
  'email',
  'phone',
  'address',
  'comment',
  'rqthDetail',
  'ageLimitOn',
  'cejAgeLimitOn',
  'householdTaxStatus',
  'allowanceTerritory',
  'adultOn',
  'postcode',
  'commune',
  'schoolUai',
  'lastClass',
  'leftSchoolOn',
] as const

/** A personal field name. */
export type PersonalFieldName = (typeof personalFieldNames)[number]

/**
 * The personal data of a young person, as the vault seals it: identity, contact, a counsellor's
 * free-text comment, the RQTH detail, the age limits (the 26th birthday, and the 30th with RQTH),
 * the CEJ allowance's basis (household tax status, territory, a minor's 18th birthday), and what a
 * school dropout list adds (postcode, commune, school, last class, date left school). All
 * optional: a follow-up comment seals `{ comment }` alone.
 */
export const PersonalFields = t.exact(
  t.partial(
    Object.fromEntries(personalFieldNames.map((name) => [name, t.string])) as Record<
      PersonalFieldName,
      t.StringC
    >,
  ),
  'PersonalFields',
)
export type PersonalFields = t.TypeOf<typeof PersonalFields>
