// Command handling: read, fold, decide, append, with retries and idempotent re-sends.
export * from './eventIdFor.js'
export * from './commandHandlingError.js'
export * from './createCommandHandler.js'
export * from './stateSnapshots.js'
