// Inbound flows from the partners: the inbox they go through, training offers in LHEO, job offers from France Travail, school dropout lists.
export * from './inbox/index.js'
export * from './lheo/index.js'
export * from './franceTravail/index.js'
export * from './dropouts/index.js'
