// The port's read rules, shared by every store.
export * from './readLimit.js'
