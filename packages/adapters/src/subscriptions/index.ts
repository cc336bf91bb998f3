// Subscriptions over a store's global log, shared by the in-process stores.
export * from './appendSignal.js'
export * from './globalFilter.js'
export * from './logSubscription.js'
export * from './subscriptionRegistry.js'
export * from './subscriptionOf.js'
