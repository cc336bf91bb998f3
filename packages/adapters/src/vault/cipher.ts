import { createCipheriv, createDecipheriv } from 'node:crypto'
import type { Either } from 'fp-ts/lib/Either.js'
import { left, right } from 'fp-ts/lib/Either.js'
import type { KeyId, Sealed, YouthId } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// AES-256-GCM with additional authenticated data binding the young person and the key: a sealed
// value copied into another journey, or relabelled with another key id, fails to open.
// ---------------------------------------------------------------------------------------------

/** AES-256 key length in bytes. */
export const KEY_BYTES = 32
/** GCM's recommended IV length in bytes (a fresh random one per seal). */
export const IV_BYTES = 12
const TAG_BYTES = 16

const additionalData = (youthId: YouthId, keyId: KeyId): Buffer =>
  Buffer.from(`parcours/personal-data/v1\u0000${youthId}\u0000${keyId}`, 'utf8')

/** Encrypts a plaintext for a young person with their key and a fresh IV. */
export const encrypt = (
  youthId: YouthId,
  keyId: KeyId,
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
): Sealed => {
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(additionalData(youthId, keyId))
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return {
    keyId,
    alg: 'A256GCM',
    iv: Buffer.from(iv).toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  }
}

/** Why decryption failed: the sealed value is not well formed, or it does not authenticate. */
export type CipherFailure = 'malformed' | 'authentication'

/** Decrypts a sealed value for a young person; any alteration fails authentication. */
export const decrypt = (youthId: YouthId, key: Uint8Array, sealed: Sealed): Either<CipherFailure, Buffer> => {
  const iv = Buffer.from(sealed.iv, 'base64url')
  const tag = Buffer.from(sealed.tag, 'base64url')
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || key.length !== KEY_BYTES) return left('malformed')
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(additionalData(youthId, sealed.keyId))
    decipher.setAuthTag(tag)
    return right(
      Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64url')), decipher.final()]),
    )
  } catch {
    // node:crypto throws on a failed tag check; that is the one expected failure here.
    return left('authentication')
  }
}
