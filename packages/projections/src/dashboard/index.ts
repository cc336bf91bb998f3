// The steering dashboard: its projection, documents and queries.
export * from './dashboardProjection.js'
export {
  emptyCell,
  type Counts,
  type CounsellorCaseload,
  type DashboardCell,
  type DashboardDoc,
  type DashboardYouth,
} from './documents.js'
export { figuresOf, type DashboardFigures, type PeriodParts } from './figures.js'
export * from './queryDashboard.js'
export * from './queryCaseload.js'
