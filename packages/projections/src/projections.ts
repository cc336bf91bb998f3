import { cejProjection } from './cej/cejProjection.js'
import { dashboardProjection } from './dashboard/dashboardProjection.js'
import type { AnyKeyedProjection } from './runner/readModels.js'
import { timelineProjection } from './timeline/timelineProjection.js'
import { worklistProjection } from './worklist/worklistProjection.js'

/** Every projection of Parcours: the steering dashboard (with caseload), the worklists, the timelines, the CEJ ledgers. */
export const allProjections: ReadonlyArray<AnyKeyedProjection> = [
  dashboardProjection,
  worklistProjection,
  timelineProjection,
  cejProjection,
]
