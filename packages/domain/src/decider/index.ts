// The journey Decider: decide, evolve, and the rules they apply.
export * from './decider.js'
export * from './journeyDecider.js'
export { evolveJourney, foldJourney } from './evolve.js'
export type { Decision } from './decision.js'
export { followUpCadenceDays } from './followUps.js'
export { journeyAgeLimitOn } from './ageLimit.js'
