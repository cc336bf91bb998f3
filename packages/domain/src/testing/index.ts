// @parcours/domain/testing: given/when/then for the decider and fast-check arbitraries.
export * from './givenWhenThen.js'
export * from './runScript.js'
export * from './arbitraries.js'
export { buildJourneyScript, type JourneyScript, type JourneySettings } from './journeyScript.js'
export * from './fixtures.js'
export * from './openedAgeLimits.js'
export * from './journeyRun.js'
export * from './accessArbitraries.js'
