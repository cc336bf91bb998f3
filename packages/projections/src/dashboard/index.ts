// The steering dashboard: its projection, documents and queries.
export * from './dashboardProjection.js'
export * from './documents.js'
export * from './figures.js'
export * from './queryDashboard.js'
export * from './queryCaseload.js'
