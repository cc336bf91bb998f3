// Inbound flows from the partners: the inbox they all go through, training offers in LHEO, job offers from France Travail.
export * from './inbox/index.js'
export * from './lheo/index.js'
export * from './franceTravail/index.js'
