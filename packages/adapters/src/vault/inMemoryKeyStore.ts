import { left, right } from 'fp-ts/lib/Either.js'
import type { KeyId, KeyStore, PersonalKey, StoredKey, YouthId } from '@parcours/domain'

/** Options of the in-memory key store: the clock that dates each key (for tests). */
export interface InMemoryKeyStoreOptions {
  /** The clock that dates each key created; the system clock by default. */
  readonly now?: () => Date
}

interface Held {
  readonly keyId: KeyId
  readonly material: Buffer
  readonly createdAt: string
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/** A key store in memory, for tests, demos and embedding; its keys die with the process. */
export const getInMemoryKeyStore = ({ now = () => new Date() }: InMemoryKeyStoreOptions = {}): KeyStore => {
  const keys = new Map<YouthId, Held>()
  const tombstones = new Map<YouthId, KeyId>()

  // Copies in and out: a caller mutating its buffer must not change (or keep a handle on) ours.
  const toKey = (youthId: YouthId, stored: Held): PersonalKey => ({
    youthId,
    keyId: stored.keyId,
    material: Buffer.from(stored.material),
  })

  const create: KeyStore['create'] = (key) => async () => {
    const erasedKeyId = tombstones.get(key.youthId)
    if (erasedKeyId !== undefined)
      return left({ _tag: 'KeyErased', youthId: key.youthId, keyId: erasedKeyId })
    const existing = keys.get(key.youthId)
    if (existing !== undefined) return right(toKey(key.youthId, existing))
    const stored = { keyId: key.keyId, material: Buffer.from(key.material), createdAt: now().toISOString() }
    keys.set(key.youthId, stored)
    return right(toKey(key.youthId, stored))
  }

  const get: KeyStore['get'] = (youthId, keyId) => async () => {
    const erasedKeyId = tombstones.get(youthId)
    if (erasedKeyId !== undefined) return left({ _tag: 'KeyErased', youthId, keyId: erasedKeyId })
    const stored = keys.get(youthId)
    if (stored === undefined || (keyId !== undefined && stored.keyId !== keyId))
      return left(
        keyId === undefined ? { _tag: 'KeyNotFound', youthId } : { _tag: 'KeyNotFound', youthId, keyId },
      )
    return right(toKey(youthId, stored))
  }

  const erase: KeyStore['delete'] = (youthId) => async () => {
    const erasedKeyId = tombstones.get(youthId)
    if (erasedKeyId !== undefined) return right({ youthId, keyId: erasedKeyId, erasedNow: false })
    const stored = keys.get(youthId)
    if (stored === undefined) return left({ _tag: 'KeyNotFound', youthId })
    stored.material.fill(0)
    keys.delete(youthId)
    tombstones.set(youthId, stored.keyId)
    return right({ youthId, keyId: stored.keyId, erasedNow: true })
  }

  const discard: KeyStore['discard'] = (youthId, keyId) => async () => {
    const stored = keys.get(youthId)
    if (stored === undefined || stored.keyId !== keyId) return right(false)
    stored.material.fill(0)
    keys.delete(youthId)
    return right(true)
  }

  const list: KeyStore['list'] = () => async () =>
    right(
      [...keys.entries()]
        .map(([youthId, k]): StoredKey => ({ youthId, keyId: k.keyId, createdAt: k.createdAt }))
        .sort((a, b) => (a.youthId < b.youthId ? -1 : a.youthId > b.youthId ? 1 : 0)),
    )

  return { create, get, delete: erase, discard, list, close: async () => undefined }
}
