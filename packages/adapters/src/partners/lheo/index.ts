// Training offers in LHEO 2.3: the streaming import into the training catalogue, and a generator of synthetic files.
export * from './lheoXml.js'
export * from './lheoRecords.js'
export * from './trainingCatalogue.js'
export * from './lheoFlow.js'
export * from './importLheo.js'
export * from './generateLheo.js'
