import type {
  CorruptKey,
  KeyErased,
  KeyId,
  KeyNotFound,
  KeyStoreUnavailable,
  YouthId,
} from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// errors: they name the young person and the key, never a personal value
// ---------------------------------------------------------------------------------------------

/**
 * A sealed value could not be opened with its key: its ciphertext or tag was altered, it was
 * sealed for another young person, or its plaintext is not personal fields.
 */
export interface DecryptionFailed {
  readonly _tag: 'DecryptionFailed'
  readonly youthId: YouthId
  readonly keyId: KeyId
  readonly reason: 'malformed' | 'authentication' | 'payload'
}

/** Every error the vault returns; each concerns one young person only. */
export type VaultError = KeyNotFound | KeyErased | CorruptKey | DecryptionFailed | KeyStoreUnavailable

/** A one-line description of a vault error, safe to log or print (ids only). */
export const describeVaultError = (error: VaultError): string => {
  switch (error._tag) {
    case 'KeyNotFound':
      return `no personal-data key for youth ${error.youthId}${error.keyId === undefined ? '' : ` (key ${error.keyId})`}`
    case 'KeyErased':
      return `the personal data of youth ${error.youthId} was erased (key ${error.keyId})`
    case 'CorruptKey':
      return `the personal-data key ${error.keyId} of youth ${error.youthId} is corrupt`
    case 'DecryptionFailed':
      return `personal data of youth ${error.youthId} could not be decrypted with key ${error.keyId} (${error.reason})`
    case 'KeyStoreUnavailable':
      return `key store unavailable: ${error.message}`
  }
}
