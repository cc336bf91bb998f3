import { randomBytes as nodeRandomBytes } from 'node:crypto'
import { isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { ErasedKey, KeyId, KeyStore, PersonalKey, Sealed, YouthId } from '@parcours/domain'
import { decrypt, encrypt, IV_BYTES, KEY_BYTES } from './cipher.js'
import { PersonalFields } from './personalFields.js'
import type { VaultError } from './vaultErrors.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** What opening a sealed value gives: the personal fields, or the fact that they were erased. */
export type OpenResult =
  | { readonly _tag: 'Opened'; readonly fields: PersonalFields }
  | { readonly _tag: 'Erased'; readonly keyId: KeyId }

/**
 * The personal-data vault: seals personal fields with the young person's own key before they
 * reach any store, opens them for reading, and erases the key (crypto-shredding).
 * Calls return a TaskEither: `const r = await vault.open(sealed, youthId)()`, then `if (isLeft(r))`.
 */
export interface Vault {
  /** Seals personal fields with the young person's key, creating the key on their first seal. */
  readonly seal: (youthId: YouthId, fields: PersonalFields) => TaskEither<VaultError, Sealed>
  /** Opens a sealed value of this young person; `Erased` once their key was erased. */
  readonly open: (sealed: Sealed, youthId: YouthId) => TaskEither<VaultError, OpenResult>
  /**
   * Erases the young person's key for good (idempotent); nothing sealed with it can be read again.
   * `sealedWith` names the keys of what their journey holds sealed: the key store must hold that
   * key, or its tombstone, else `KeyNotFound` naming it, and nothing changes (a key store that is
   * not the one holding the key never reports an erasure). With none, a young person without a key
   * gets one erased at once: the tombstone stops anything being sealed for them later.
   */
  readonly eraseKey: (
    youthId: YouthId,
    sealedWith?: ReadonlyArray<KeyId>,
  ) => TaskEither<VaultError, ErasedKey>
  /**
   * Removes the young person's key `keyId` when it sealed nothing that was recorded (a
   * registration whose events could not be stored), without a tombstone. `false` when the store
   * holds another key for them, or none.
   */
  readonly discard: (youthId: YouthId, keyId: KeyId) => TaskEither<VaultError, boolean>
}

/** What the vault needs: a key store, and a source of random bytes (node:crypto's by default). */
export interface VaultOptions {
  readonly keyStore: KeyStore
  /** `size` random bytes, for keys and nonces; node:crypto's `randomBytes` by default. */
  readonly randomBytes?: (size: number) => Uint8Array
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * Creates a vault over a key store: AES-256-GCM, one random 256-bit key per young person.
 *
 * @example
 * import type { YouthId } from '@parcours/domain'
 * import { createVault, describeVaultError, getSqliteKeyStore } from '@parcours/adapters'
 *
 * const vault = createVault({ keyStore: getSqliteKeyStore({ path: 'keys.db' }) })
 * const youthId = 'y-1' as YouthId
 * const sealed = await vault.seal(youthId, { firstName: 'Ana', lastName: 'Martin' })()
 * if (sealed._tag === 'Left') console.error(describeVaultError(sealed.left))
 * else {
 *   const opened = await vault.open(sealed.right, youthId)()
 *   if (opened._tag === 'Right' && opened.right._tag === 'Opened') console.log(opened.right.fields.firstName)
 * }
 */
export const createVault = ({ keyStore, randomBytes = nodeRandomBytes }: VaultOptions): Vault => {
  const freshKey = (youthId: YouthId): PersonalKey => ({
    youthId,
    keyId: `key-${Buffer.from(randomBytes(16)).toString('hex')}` as KeyId,
    material: randomBytes(KEY_BYTES),
  })

  // A key store we do not control may hand back anything; a key of the wrong size is corrupt.
  const usable = (key: PersonalKey) =>
    key.material.length === KEY_BYTES
      ? right(key)
      : left<VaultError>({ _tag: 'CorruptKey', youthId: key.youthId, keyId: key.keyId })

  const keyForSealing = async (youthId: YouthId) => {
    const found = await keyStore.get(youthId)()
    if (isLeft(found) && found.left._tag === 'KeyNotFound') {
      const created = await keyStore.create(freshKey(youthId))()
      return isLeft(created) ? created : usable(created.right)
    }
    return isLeft(found) ? found : usable(found.right)
  }

  const seal = (youthId: YouthId, fields: PersonalFields) => async () => {
    const key = await keyForSealing(youthId)
    if (isLeft(key)) return key
    const plaintext = Buffer.from(JSON.stringify(PersonalFields.encode(fields)), 'utf8')
    return right(encrypt(youthId, key.right.keyId, key.right.material, randomBytes(IV_BYTES), plaintext))
  }

  const open = (sealed: Sealed, youthId: YouthId) => async () => {
    const found = await keyStore.get(youthId, sealed.keyId)()
    if (isLeft(found))
      return found.left._tag === 'KeyErased'
        ? right<VaultError, OpenResult>({ _tag: 'Erased', keyId: found.left.keyId })
        : found
    const key = usable(found.right)
    if (isLeft(key)) return key
    const plaintext = decrypt(youthId, key.right.material, sealed)
    if (isLeft(plaintext))
      return left<VaultError>({
        _tag: 'DecryptionFailed',
        youthId,
        keyId: sealed.keyId,
        reason: plaintext.left,
      })
    const fields = parseFields(plaintext.right)
    return fields === undefined
      ? left<VaultError>({ _tag: 'DecryptionFailed', youthId, keyId: sealed.keyId, reason: 'payload' })
      : right<VaultError, OpenResult>({ _tag: 'Opened', fields })
  }

  // A young person who never had a key gets one erased at once, stopping anything being sealed for
  // them afterwards. Its id is the youth id: the key id the domain records in PersonalDataErased
  // when nothing was ever sealed.
  const eraseUnsealed = async (youthId: YouthId) => {
    const erased = await keyStore.delete(youthId)()
    if (isLeft(erased) && erased.left._tag === 'KeyNotFound') {
      const created = await keyStore.create({ ...freshKey(youthId), keyId: youthId as string as KeyId })()
      if (isLeft(created) && created.left._tag !== 'KeyErased') return created
      return keyStore.delete(youthId)()
    }
    return erased
  }

  // The key in this store (live or erased) must be the one that sealed the journey's data.
  const eraseKey =
    (youthId: YouthId, sealedWith: ReadonlyArray<KeyId> = []) =>
    async () => {
      const expected = [...new Set(sealedWith)]
      if (expected.length === 0) return eraseUnsealed(youthId)
      const found = await keyStore.get(youthId)()
      const held = isLeft(found)
        ? found.left._tag === 'KeyErased' || found.left._tag === 'CorruptKey'
          ? found.left.keyId
          : undefined
        : found.right.keyId
      if (isLeft(found) && held === undefined)
        return found.left._tag === 'KeyNotFound' ? notHeld(youthId, expected) : found
      const missing = expected.filter((k) => k !== held)
      if (missing.length > 0) return notHeld(youthId, missing)
      const erased = await keyStore.delete(youthId)()
      if (isLeft(erased)) return erased
      return erased.right.keyId === held ? erased : notHeld(youthId, expected)
    }

  const discard = (youthId: YouthId, keyId: KeyId) => keyStore.discard(youthId, keyId)

  return { seal, open, eraseKey, discard }
}

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

const notHeld = (youthId: YouthId, keyIds: ReadonlyArray<KeyId>) =>
  left<VaultError, ErasedKey>({
    _tag: 'KeyNotFound',
    youthId,
    ...(keyIds[0] === undefined ? {} : { keyId: keyIds[0] }),
  })

const parseFields = (plaintext: Buffer): PersonalFields | undefined => {
  try {
    const decoded = PersonalFields.decode(JSON.parse(plaintext.toString('utf8')))
    return isLeft(decoded) ? undefined : decoded.right
  } catch {
    // JSON.parse throws on text that is not JSON: an authenticated but foreign payload.
    return undefined
  }
}
