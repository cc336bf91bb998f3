// What the journey commands share: their options and the path every command takes.
export * from './journeyOptions.js'
export * from './sendJourneyCommand.js'
