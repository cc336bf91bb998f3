import * as t from 'io-ts'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'
import { birthday } from './calendar.js'
import { LocalDate } from './localDate.js'

// ---------------------------------------------------------------------------------------------
// model: what the time rules need to know about a young person's age, and what statistics keep.
// The age limits are personal (the 26th birthday gives the birth date; a 30th, the RQTH): they
// travel sealed in events and reach `decide` opened, as command input, never stored in clear.
// ---------------------------------------------------------------------------------------------

/** The journey's age limits, as the shell opens them from the sealed registration. */
export const AgeLimits = t.type(
  {
    /** The 26th birthday: from this day the young person is past the age limit. */
    ageLimitOn: LocalDate,
    /** The 30th birthday for a young person with RQTH (CEJ only), else equal to `ageLimitOn`. */
    cejAgeLimitOn: LocalDate,
  },
  'AgeLimits',
)
export type AgeLimits = t.TypeOf<typeof AgeLimits>

/** The age limits of a young person born on `birthDate`, with or without RQTH, under a policy. */
export const ageLimitsOf = (birthDate: LocalDate, rqth: boolean, policy: JourneyPolicy): AgeLimits => {
  const ageLimitOn = birthday(birthDate, policy.ageLimit)
  return { ageLimitOn, cejAgeLimitOn: rqth ? birthday(birthDate, policy.cejRqthAgeLimit) : ageLimitOn }
}

/**
 * The age band at registration, the only age fact statistics keep. A band spans two years of birth
 * dates (the minors) or more, and the last one holds every age from 22 up: a band of 26–29 (or an
 * age in whole years) would name the young people with RQTH, the only ones registered at that age.
 */
export const ageBands = ['16-17', '18-21', '22+'] as const
/** The codec of an age band (`16-17`, `18-21`, `22+`). */
export const AgeBand = t.keyof({ '16-17': null, '18-21': null, '22+': null }, 'AgeBand')
export type AgeBand = t.TypeOf<typeof AgeBand>

/** The band of an age in whole years. */
export const ageBandOf = (age: number): AgeBand => (age < 18 ? '16-17' : age < 22 ? '18-21' : '22+')
