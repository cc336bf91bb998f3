// The personal-data vault: per-person keys, sealing, erasure (crypto-shredding) and retention.
export * from './personalFields.js'
export * from './vaultErrors.js'
export * from './vault.js'
export * from './inMemoryKeyStore.js'
export * from './sqliteKeyStore.js'
export * from './erasePersonalData.js'
export * from './runRetention.js'
export * from './collectOrphanKeys.js'
