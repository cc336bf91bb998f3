import { ageLimitsInForce, type AgeLimits } from '../model/ageLimits.js'
import { addYears, maxDate } from '../model/calendar.js'
import type { JourneyEvent } from '../model/events.js'
import type { LocalDate } from '../model/localDate.js'
import { defaultRetentionRules, type RetentionRules } from './retentionRules.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

interface Facts {
  readonly ageLimitOn: LocalDate | null
  readonly cejAgeLimitOn: LocalDate | null
  readonly closed: boolean
  readonly cejOpen: boolean
  readonly lastCejEndOn: LocalDate | null
}

const noFacts: Facts = {
  ageLimitOn: null,
  cejAgeLimitOn: null,
  closed: false,
  cejOpen: false,
  lastCejEndOn: null,
}

const endCej = (facts: Facts, on: LocalDate): Facts => ({
  ...facts,
  cejOpen: false,
  lastCejEndOn: facts.lastCejEndOn === null ? on : maxDate(facts.lastCejEndOn, on),
})

// A CEJ ends with ProgrammeExited; a journey closed while a CEJ is open ends it too.
const collect = (facts: Facts, event: JourneyEvent): Facts => {
  switch (event.type) {
    case 'YouthRegistered':
      return event.legacyAgeLimits === undefined
        ? facts
        : { ...facts, ...ageLimitsInForce(event.legacyAgeLimits) }
    case 'ProgrammeEntered':
      return event.programme === 'CEJ' ? { ...facts, cejOpen: true } : facts
    case 'ProgrammeExited':
      return event.programme === 'CEJ' ? endCej(facts, event.on) : facts
    case 'JourneyClosed':
      return facts.cejOpen ? { ...endCej(facts, event.on), closed: true } : { ...facts, closed: true }
    case 'JourneyReopened':
      return { ...facts, closed: false }
    default:
      return facts
  }
}

// ---------------------------------------------------------------------------------------------
// rules
// ---------------------------------------------------------------------------------------------

/**
 * The first day on which a journey's personal data must be gone: the age limit + 2 years or, when
 * a CEJ ended, its end + 10 years if that is later. The age limit is the 26th birthday; while the
 * journey of a young person with RQTH is open it is the 30th, as a CEJ may still start until then.
 * `null` while nothing is due: the journey is not registered, or a CEJ is open (its end decides),
 * or its age limits are unknown: they are sealed, and the shell passes them opened (`ageLimits`).
 */
export const retentionDueOn = (
  events: ReadonlyArray<JourneyEvent>,
  rules: RetentionRules = defaultRetentionRules,
  ageLimits?: AgeLimits,
): LocalDate | null => {
  const collected = events.reduce(collect, noFacts)
  const facts = ageLimits === undefined ? collected : { ...collected, ...ageLimitsInForce(ageLimits) }
  if (facts.ageLimitOn === null || facts.cejAgeLimitOn === null || facts.cejOpen) return null
  const ageLimitOn = facts.closed ? facts.ageLimitOn : facts.cejAgeLimitOn
  const afterAgeLimit = addYears(ageLimitOn, rules.yearsAfterAgeLimit)
  return facts.lastCejEndOn === null
    ? afterAgeLimit
    : maxDate(afterAgeLimit, addYears(facts.lastCejEndOn, rules.yearsAfterCejEnd))
}

/** Whether, on `at`, the journey's personal data is past its retention date and must be erased. */
export const isPastRetention = (
  events: ReadonlyArray<JourneyEvent>,
  at: LocalDate,
  rules: RetentionRules = defaultRetentionRules,
  ageLimits?: AgeLimits,
): boolean => {
  const dueOn = retentionDueOn(events, rules, ageLimits)
  return dueOn !== null && at >= dueOn
}

/** Whether the journey's personal data was already erased. */
export const isPersonalDataErased = (events: ReadonlyArray<JourneyEvent>): boolean =>
  events.some((event) => event.type === 'PersonalDataErased')
