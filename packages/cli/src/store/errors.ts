import {
  describeVaultError,
  type CommandHandlingError,
  type ErasureError,
  type VaultError,
} from '@parcours/adapters'
import { describeJourneyError, type JourneyError, type StoreError } from '@parcours/domain'
import type { CliError } from '../cli/errors.js'
import { infrastructureError, refusedError } from '../cli/errors.js'

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

/** Any error of command handling, as a CLI error. */
export const commandHandlingFailure = (e: CommandHandlingError<JourneyError>): CliError => {
  if (e._tag === 'Rejected') return refusal(e.error)
  if (e._tag === 'ConcurrencyConflict')
    return infrastructureError(
      `stream ${e.streamName} kept changing: gave up after ${e.attempts} attempts; nothing was written`,
    )
  return infrastructureError(describeStoreError(e))
}

/** A vault error, as a CLI error (exit 3: the key store failed or a key is unusable). */
export const vaultFailure = (e: VaultError): CliError => infrastructureError(describeVaultError(e))

/** An erasure error: the vault's or the command handler's. */
export const erasureFailure = (e: ErasureError): CliError =>
  e._tag === 'KeyNotFound' ||
  e._tag === 'KeyErased' ||
  e._tag === 'CorruptKey' ||
  e._tag === 'DecryptionFailed' ||
  e._tag === 'KeyStoreUnavailable'
    ? vaultFailure(e)
    : commandHandlingFailure(e)
