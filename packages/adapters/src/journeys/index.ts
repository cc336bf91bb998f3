// The journey command handler: the journey decider on a store, with the tenant and the vault.
export * from './createJourneyCommandHandler.js'
