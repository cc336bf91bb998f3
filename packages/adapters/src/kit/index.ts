// @parcours/adapters/kit: the building blocks of a store adapter. The port's append and read rules,
// the JSON serialization every store shares, subscriptions over a global log, the bridge from a
// throwing driver to error values and the access log's hash chain. Hold the result to the port
// with the conformance suite of @parcours/adapters/testing.
export * from '../serialization/index.js'
export * from '../appendRules/index.js'
export * from '../readRules/index.js'
export * from '../subscriptions/index.js'
export * from '../interop/index.js'
export { GENESIS, brokenLink, chainHash, sealEntry } from '../accessLog/hashChain.js'
