// Store-agnostic serialization: events to JSON through their codec, stored rows back to events.
export * from './storedEvent.js'
export * from './storedMetadata.js'
export * from './encodeEvents.js'
export * from './decodeStoredEvent.js'
export { frozenCopy } from './frozenCopy.js'
