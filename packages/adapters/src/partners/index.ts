// Inbound flows from the partners: training offers in LHEO.
export * from './lheo/index.js'
