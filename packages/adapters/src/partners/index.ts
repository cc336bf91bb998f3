// Inbound flows from the partners: training offers in LHEO, school dropout lists.
export * from './lheo/index.js'
export * from './dropouts/index.js'
