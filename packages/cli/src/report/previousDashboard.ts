import {
  queryDashboard,
  type Dashboard,
  type DashboardQuery,
  type DashboardReadModel,
} from '@parcours/projections'
import { previousRange } from './partialMonth.js'

/** The same selection over as many months just before, when the store has data then (else null). */
export const previousDashboard = (
  rm: DashboardReadModel,
  scope: DashboardQuery,
  current: Dashboard,
): Dashboard | null => {
  if (current.from === null || current.to === null) return null
  const first = queryDashboard(rm, scope).from
  const range = previousRange(current.from, current.to)
  return first === null || range.to < first ? null : queryDashboard(rm, { ...scope, ...range })
}
