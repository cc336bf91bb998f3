import { describeVaultError, type JourneyHandlingError, type VaultError } from '@parcours/adapters'
import { describeJourneyError, type JourneyError, type StoreError } from '@parcours/domain'
import type { CliError } from '../cli/errors.js'
import { infrastructureError, refusedError, usageError } from '../cli/errors.js'

// ---------------------------------------------------------------------------------------------
// utils: library errors as CLI errors — a refusal names its rule (exit 1), the rest is exit 3
// ---------------------------------------------------------------------------------------------

/** A store error in one line (stream and revision when an event is bad). */
export const describeStoreError = (e: StoreError): string => {
  switch (e._tag) {
    case 'StoreUnavailable':
      return `store unavailable: ${e.message}`
    case 'DecodeFailed':
      return `corrupt event in stream ${e.streamName} at revision ${e.revision} (position ${e.position}, type ${e.eventType}): ${e.reason}${e.paths.length > 0 ? ` [${e.paths.join('; ')}]` : ''}`
    case 'InvalidEvent':
      return `an event for stream ${e.streamName} failed its codec; nothing was written`
    case 'StreamDeleted':
      return `stream ${e.streamName} was deleted`
    case 'AppendTooLarge':
      return `the events for stream ${e.streamName} take ${e.size} bytes, over the store's limit of ${e.maxSize} bytes per append; nothing was written`
    case 'WrongExpectedRevision':
      return `stream ${e.streamName} changed meanwhile (expected ${String(e.expected)}, found ${String(e.actual)})`
  }
}

/** A refusal of the journey's rules, as exit 1 naming the rule. */
export const refusal = (error: JourneyError): CliError =>
  refusedError(`refused by rule ${error._tag}: ${describeJourneyError(error)}`)

/** A vault error, as a CLI error (exit 3: the key store failed or a key is unusable). */
export const vaultFailure = (e: VaultError): CliError => infrastructureError(describeVaultError(e))

/**
 * An erasure's error as a CLI error. A key store that cannot be read, or that does not hold the
 * key that sealed the journey's data, is exit 3 saying that nothing was erased or recorded.
 */
export const erasureFailure = (e: JourneyHandlingError, keyStore: string): CliError => {
  switch (e._tag) {
    case 'KeyNotFound':
      return infrastructureError(
        `the key store ${keyStore} does not hold ${e.keyId === undefined ? 'the key' : `key ${e.keyId}`} of ${e.youthId}, the key that sealed their personal data (is it the key store of this event store?); nothing was erased or recorded.`,
      )
    case 'KeyStoreUnavailable':
      return infrastructureError(`${describeVaultError(e)}; nothing was erased or recorded.`)
    default:
      return journeyFailure(e)
  }
}

/** Any error of a journey command (or an erasure), as a CLI error. */
export const journeyFailure = (e: JourneyHandlingError): CliError => {
  switch (e._tag) {
    case 'Rejected':
      return refusal(e.error)
    case 'ConcurrencyConflict':
      return infrastructureError(
        `stream ${e.streamName} kept changing: gave up after ${e.attempts} attempts; nothing was written`,
      )
    case 'NothingToSeal':
      return usageError(`${e.commandType} carries no personal data; nothing was written`)
    case 'KeyNotFound':
    case 'KeyErased':
    case 'CorruptKey':
    case 'DecryptionFailed':
    case 'KeyStoreUnavailable':
      return vaultFailure(e)
    default:
      return infrastructureError(describeStoreError(e))
  }
}
