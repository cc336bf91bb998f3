// The port's append rules (expectations and idempotent retries), shared by every store.
export * from './resolveAppend.js'
