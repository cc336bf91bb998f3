// The journey Decider: decide, evolve, and the rules they apply.
export * from './decider.js'
export * from './journeyDecider.js'
export { evolveJourney, foldJourney } from './evolve.js'
export type { Decision } from './decision.js'
export { followUpCadenceDays, nextFollowUpId } from './followUps.js'
export { isDurableEmployment } from './situations.js'
export { hasExpired } from './proposals.js'
export { programmeAgeLimitOn } from './programmes.js'
