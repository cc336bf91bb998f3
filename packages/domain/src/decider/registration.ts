import type { Either } from 'fp-ts/lib/Either.js'
import { left, right } from 'fp-ts/lib/Either.js'
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
 * then for the CEJ only). The birth date stays out of the event: only derived facts go in.
 */
export const registerYouth = (
  c: RegisterYouth,
  policy: JourneyPolicy,
): Either<JourneyError, YouthRegistered> => {
  const age = ageOn(c.birthDate, c.on)
  const ageLimitOn = birthday(c.birthDate, policy.ageLimit)
  const cejAgeLimitOn = c.rqth ? birthday(c.birthDate, policy.cejRqthAgeLimit) : ageLimitOn
  if (age < policy.minimumAge || c.on >= cejAgeLimitOn)
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
    ageAtRegistration: age,
    ageLimitOn,
    cejAgeLimitOn,
    personalData: c.personalData,
  })
}
