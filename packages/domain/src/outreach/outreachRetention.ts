import { addMonths } from '../model/calendar.js'
import type { LocalDate } from '../model/localDate.js'
import type { OutreachState } from './outreachDecider.js'

// ---------------------------------------------------------------------------------------------
// retention of an outreach case (policy). A case closed by a registration has handed its identity
// to the journey, sealed there with the young person's key: the case's copy goes on the closing
// day. A case never registered is kept 12 months after its latest fact (opening or status): the
// SIEI lists come twice a year, so a year covers two campaigns of attempts; past that the young
// person has not come and the mission locale has no ground to hold their data.
// ---------------------------------------------------------------------------------------------

/** How long an outreach case's personal data is kept. */
export interface OutreachRetentionRules {
  /** Months after the latest fact of a case that was never registered. Default 12. */
  readonly monthsAfterLastFact: number
}

/** The default: 12 months after the latest fact of a case never registered. */
export const defaultOutreachRetentionRules: OutreachRetentionRules = { monthsAfterLastFact: 12 }

/**
 * The day an outreach case's personal data is erased: its closing day when a registration closed
 * it, else its latest fact + `monthsAfterLastFact`; null for no case or one erased already.
 */
export const outreachRetentionDueOn = (
  s: OutreachState,
  rules: OutreachRetentionRules = defaultOutreachRetentionRules,
): LocalDate | null => {
  if (s._tag === 'NoCase' || s.erased) return null
  return s.closed?.reason === 'registered' ? s.lastOn : addMonths(s.lastOn, rules.monthsAfterLastFact)
}
