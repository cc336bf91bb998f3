import {
  OUTREACH_STATUSES,
  type OutreachCaseId,
  type OutreachState,
  type OutreachStatus,
} from '@parcours/domain'
import { daysBetween } from '../model/dates.js'

// ---------------------------------------------------------------------------------------------
// the worklist's outreach entries: the open outreach cases of a mission locale (young people of
// the school dropout lists still to reach), with their status and age; and, for statistics, how
// many cases stand at each status. Pseudonymous: case ids, statuses and dates only.
// ---------------------------------------------------------------------------------------------

type Case = Extract<OutreachState, { _tag: 'Case' }>

/** An open outreach case in a counsellor's worklist. `ageDays`: days since it opened. */
export interface OutreachEntry {
  readonly caseId: OutreachCaseId
  readonly status: OutreachStatus
  readonly openedOn: string
  /** The date of its latest status (its opening when none). */
  readonly lastOn: string
  readonly ageDays: number
}

/** How many cases stand at each status (open ones), and how many closed by a registration or retention. */
export interface OutreachCounts {
  readonly open: Readonly<Record<OutreachStatus, number>>
  readonly registered: number
  readonly closedByRetention: number
}

const isCase = (s: OutreachState): s is Case => s._tag === 'Case'

/**
 * The open outreach cases of a mission locale as of a date, oldest first: every counsellor of the
 * mission locale sees them (a case is the mission locale's until someone registers the young person).
 */
export const queryOutreachEntries = (
  cases: ReadonlyArray<OutreachState>,
  query: { readonly missionLocaleId: string; readonly asOf: string },
): ReadonlyArray<OutreachEntry> =>
  cases
    .filter(isCase)
    .filter(
      (c) => c.closed === null && c.missionLocaleId === query.missionLocaleId && c.openedOn <= query.asOf,
    )
    .map((c) => ({
      caseId: c.caseId,
      status: c.status,
      openedOn: c.openedOn,
      lastOn: c.lastOn,
      ageDays: daysBetween(c.openedOn, query.asOf),
    }))
    .sort((a, b) =>
      a.openedOn < b.openedOn ? -1 : a.openedOn > b.openedOn ? 1 : a.caseId < b.caseId ? -1 : 1,
    )

/** The counts by status of one mission locale's cases, or of every one (null). */
export const outreachCountsByStatus = (
  cases: ReadonlyArray<OutreachState>,
  missionLocaleId: string | null,
): OutreachCounts => {
  const open = Object.fromEntries(OUTREACH_STATUSES.map((s) => [s, 0])) as Record<OutreachStatus, number>
  let [registered, closedByRetention] = [0, 0]
  for (const c of cases.filter(isCase)) {
    if (missionLocaleId !== null && c.missionLocaleId !== missionLocaleId) continue
    if (c.closed === null) open[c.status]++
    else if (c.closed.reason === 'registered') registered++
    else closedByRetention++
  }
  return { open, registered, closedByRetention }
}
