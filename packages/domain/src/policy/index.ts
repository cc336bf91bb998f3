// The configurable rules of a journey.
export * from './journeyPolicy.js'
