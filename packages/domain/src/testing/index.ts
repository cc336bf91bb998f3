// @parcours/domain/testing: given/when/then for the decider and fast-check arbitraries.
export * from './givenWhenThen.js'
export * from './runScript.js'
export * from './arbitraries.js'
export * from './journeyScript.js'
export { lineDiff } from './lineDiff.js'
export { seededRandom } from './random.js'
export type { Random } from './random.js'
export * from './fixtures.js'
