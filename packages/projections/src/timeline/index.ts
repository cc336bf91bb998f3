// Journey timelines: projection and query.
export * from './timelineProjection.js'
export * from './queryTimeline.js'
