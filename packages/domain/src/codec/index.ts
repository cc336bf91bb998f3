// Codecs at the edges: events with schema versions and upcasting, commands, stream names.
export { journeyEventCodec, journeyEventVersions } from './journeyEventCodec.js'
export * from './decodeCommand.js'
export * from './streamName.js'
export { journeyEventUpcasters, type SchemaStep, type Upcaster } from './upcasters.js'
