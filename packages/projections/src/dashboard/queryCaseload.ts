import { docEntries } from '../model/docMap.js'
import type { DashboardReadModel } from './dashboardProjection.js'
import type { CaseloadRow } from './queryDashboard.js'

/** Open journeys per counsellor of one mission locale, now, busiest first. */
export const queryCaseload = (
  rm: DashboardReadModel,
  query: { readonly missionLocaleId: string },
): ReadonlyArray<CaseloadRow> => {
  const rows: CaseloadRow[] = []
  for (const [, doc] of docEntries(rm))
    if (doc.kind === 'counsellor' && doc.missionLocaleId === query.missionLocaleId && doc.openJourneys !== 0)
      rows.push({ counsellorId: doc.counsellorId, openJourneys: doc.openJourneys })
  return rows.sort((a, b) => b.openJourneys - a.openJourneys || (a.counsellorId < b.counsellorId ? -1 : 1))
}
