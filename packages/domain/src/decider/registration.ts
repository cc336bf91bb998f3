import type { Either } from 'fp-ts/lib/Either.js'
import { left, right } from 'fp-ts/lib/Either.js'
import { ageBandOf } from '../model/ageLimits.js'
import { ageOn, birthday } from '../model/calendar.js'
import type { RegisterYouth } from '../model/commands.js'
import type { JourneyError } from '../model/errors.js'
import type { YouthRegistered } from '../model/events.js'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'

// ---------------------------------------------------------------------------------------------
// Registration (premier accueil) with eligibility by calendar age.
// ---------------------------------------------------------------------------------------------

/**
 * Register a young person aged from 16 up to the day before the 26th birthday (the 30th with RQTH,
 * then for the CEJ only). The birth date stays out of the event: the age band goes in clear, the
 * age limits sealed (by the shell, before `decide`).
 */
export const registerYouth = (
  c: RegisterYouth,
  policy: JourneyPolicy,
): Either<JourneyError, YouthRegistered> => {
  const age = ageOn(c.birthDate, c.on)
  // Eligibility is by calendar age on the day; the limits sealed for later (ageLimitsOf) run to the
  // end of the birthday's month.
  const lastBirthday = birthday(c.birthDate, c.rqth ? policy.cejRqthAgeLimit : policy.ageLimit)
  if (age < policy.minimumAge || c.on >= lastBirthday)
    return left({
      _tag: 'NotEligible',
      age,
      minimumAge: policy.minimumAge,
      ageLimit: c.rqth ? policy.cejRqthAgeLimit : policy.ageLimit,
      rqth: c.rqth,
    })
  return right({
    type: 'YouthRegistered',
    youthId: c.youthId,
    missionLocaleId: c.missionLocaleId,
    on: c.on,
    counsellorId: c.counsellorId,
    ageBand: ageBandOf(age),
    sealedAgeLimits: c.sealedAgeLimits ?? null,
    personalData: c.personalData,
  })
}
