// Outbound flows to partners: the feed partner apps poll, and the files they receive.
export * from './feed/index.js'
export * from './files/index.js'
