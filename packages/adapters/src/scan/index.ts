// Reading the whole journey log past events that fail to decode.
export * from './scanJourneyLog.js'
