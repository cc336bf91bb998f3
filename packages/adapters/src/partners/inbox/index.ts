// The inbox every inbound partner flow goes through: validation, idempotence, ack after record, retries, parking, counters.
export * from './scheduler.js'
export * from './inboxStore.js'
export * from './receiveInbound.js'
