// @parcours/adapters: event stores, command handling, the personal-data vault, the access log.
// The building blocks of a new store adapter are in @parcours/adapters/kit.
export * from './memory/index.js'
export * from './sqlite/index.js'
export * from './esdb/index.js'
export * from './commandHandling/index.js'
export * from './journeys/index.js'
export * from './scan/index.js'
export * from './vault/index.js'
export * from './subjectRights/index.js'
export * from './logging/index.js'
export * from './accessLog/index.js'
export * from './partners/index.js'
