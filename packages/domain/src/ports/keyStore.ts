import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { KeyId, YouthId } from '../model/ids.js'

// ---------------------------------------------------------------------------------------------
// model: the KeyStore port. It holds one encryption key per young person, apart from the events,
// so that erasing a key shreds every sealed field of that person (crypto-shredding).
// Calls return a TaskEither: `const r = await keyStore.get(youthId)()`, then `if (isLeft(r))`.
// ---------------------------------------------------------------------------------------------

/** A young person's personal-data key: 32 bytes of AES-256 key material, named by its key id. */
export interface PersonalKey {
  readonly youthId: YouthId
  readonly keyId: KeyId
  readonly material: Uint8Array
}

/** What an erasure returns: the key id that was erased, and whether this call erased it. */
export interface ErasedKey {
  readonly youthId: YouthId
  readonly keyId: KeyId
  /** False when the key had already been erased before this call (erasure is idempotent). */
  readonly erasedNow: boolean
}

/** A key as a listing shows it: whose, which, and since when (never its material). */
export interface StoredKey {
  readonly youthId: YouthId
  readonly keyId: KeyId
  /** When the store received it (ISO 8601, UTC); null for a key stored before stores kept it. */
  readonly createdAt: string | null
}

// ---------------------------------------------------------------------------------------------
// errors: they name the young person and the key, never any personal value or key material
// ---------------------------------------------------------------------------------------------

/** No key is stored for this young person (or none with this key id). */
export interface KeyNotFound {
  readonly _tag: 'KeyNotFound'
  readonly youthId: YouthId
  readonly keyId?: KeyId
}

/** The young person's key was erased: whatever it sealed can never be read again. */
export interface KeyErased {
  readonly _tag: 'KeyErased'
  readonly youthId: YouthId
  readonly keyId: KeyId
}

/** A stored key cannot be used: wrong length or failing its integrity check. */
export interface CorruptKey {
  readonly _tag: 'CorruptKey'
  readonly youthId: YouthId
  readonly keyId: KeyId
}

/** The key store could not be reached or failed; nothing is known to have been written. */
export interface KeyStoreUnavailable {
  readonly _tag: 'KeyStoreUnavailable'
  readonly message: string
  readonly cause?: unknown
}

/** Every error a key store returns. */
export type KeyStoreError = KeyNotFound | KeyErased | CorruptKey | KeyStoreUnavailable

// ---------------------------------------------------------------------------------------------
// the port
// ---------------------------------------------------------------------------------------------

/**
 * A store of personal-data keys, one per young person. An erased key is gone for good (the store
 * overwrites and deletes it) and leaves a tombstone, so reads answer `KeyErased`, not `KeyNotFound`.
 */
export interface KeyStore {
  /**
   * Stores the key unless the young person already has one, and returns the key in force: the
   * given one, or the one stored before (so two racing first seals agree on a single key).
   * Fails with `KeyErased` when the young person's key was erased: nothing new is sealed for them.
   */
  readonly create: (key: PersonalKey) => TaskEither<KeyStoreError, PersonalKey>
  /** The young person's key; with a key id, only if it is that key (else `KeyNotFound`). */
  readonly get: (youthId: YouthId, keyId?: KeyId) => TaskEither<KeyStoreError, PersonalKey>
  /**
   * Erases the young person's key for good and leaves a tombstone. Idempotent: erasing again
   * succeeds with `erasedNow: false`. `KeyNotFound` when the young person never had a key.
   */
  readonly delete: (youthId: YouthId) => TaskEither<KeyStoreError, ErasedKey>
  /**
   * Removes a key that sealed nothing recorded (a registration whose events were never stored),
   * leaving no tombstone, so registering that young person again starts afresh. Only that key
   * id: `false` when the store holds another key, or none, for them (then nothing changes).
   */
  readonly discard: (youthId: YouthId, keyId: KeyId) => TaskEither<KeyStoreError, boolean>
  /** Every live key (not the erased ones), in youth id order: to find keys of people never registered. */
  readonly list: () => TaskEither<KeyStoreError, ReadonlyArray<StoredKey>>
  /** Releases the store's resources. */
  readonly close: () => Promise<void>
}
