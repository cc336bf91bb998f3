// Job offers from France Travail ("Offres d'emploi v2"): the codec, the client, the offer catalogue, the sync and a local simulator.
export * from './offerCodec.js'
export * from './tokenBucket.js'
export * from './franceTravailClient.js'
export * from './offerCatalogue.js'
export * from './syncOffers.js'
export * from './generateOffers.js'
export * from './franceTravailSimulator.js'
