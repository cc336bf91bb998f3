import * as t from 'io-ts'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'
import { addMonths, birthday } from './calendar.js'
import { LocalDate } from './localDate.js'

// ---------------------------------------------------------------------------------------------
// model: what the time rules need to know about a young person's age, and what statistics keep.
// The age limits are personal (the 26th birthday gives the birth date; a 30th, the RQTH): they
// travel sealed in events and reach `decide` opened, as command input, never stored in clear.
// ---------------------------------------------------------------------------------------------

/** The journey's age limits, as the shell opens them from the sealed registration. */
export const AgeLimits = t.type(
  {
    /** The first 1st of a month on or after the 26th birthday: from this day the young person is past the age limit. */
    ageLimitOn: LocalDate,
    /** The same for the 30th birthday of a young person with RQTH (CEJ only), else equal to `ageLimitOn`. */
    cejAgeLimitOn: LocalDate,
  },
  'AgeLimits',
)
export type AgeLimits = t.TypeOf<typeof AgeLimits>

/**
 * The day an age limit takes effect: the first 1st of a month on or after the birthday (the 1st of
 * the next month; the birthday itself when it is a 1st). The young person is followed to the end of
 * the month of their 26th (or 30th) birthday, so every date the limit sets (an age-out, a
 * programme's exit, the retention date, a CEJ allowance's last month) falls on a 1st and gives away
 * at most the month of birth, never the day. Idempotent.
 */
export const ageLimitInForceOn = <D extends string>(birthdayOn: D): D =>
  birthdayOn.endsWith('-01')
    ? birthdayOn
    : (addMonths(`${birthdayOn.slice(0, 8)}01` as LocalDate, 1) as string as D)

/**
 * The age limits as the rules apply them, from limits opened from a store of any version (an
 * earlier one sealed, or kept in clear, the birthdays themselves). Idempotent.
 */
export const ageLimitsInForce = <L extends { readonly ageLimitOn: string; readonly cejAgeLimitOn: string }>(
  limits: L,
): L => ({
  ...limits,
  ageLimitOn: ageLimitInForceOn(limits.ageLimitOn),
  cejAgeLimitOn: ageLimitInForceOn(limits.cejAgeLimitOn),
})

/** The age limits of a young person born on `birthDate`, with or without RQTH, under a policy. */
export const ageLimitsOf = (birthDate: LocalDate, rqth: boolean, policy: JourneyPolicy): AgeLimits => {
  const ageLimitOn = ageLimitInForceOn(birthday(birthDate, policy.ageLimit))
  return {
    ageLimitOn,
    cejAgeLimitOn: rqth ? ageLimitInForceOn(birthday(birthDate, policy.cejRqthAgeLimit)) : ageLimitOn,
  }
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
