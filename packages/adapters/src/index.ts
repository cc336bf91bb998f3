// @parcours/adapters: event stores, command handling, the personal-data vault.
export * from './serialization/index.js'
export * from './appendRules/index.js'
export * from './subscriptions/index.js'
export * from './memory/index.js'
export * from './sqlite/index.js'
export * from './commandHandling/index.js'
