import fc from 'fast-check'
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js'
import { left } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { KeyId, KeyStore, Sealed, YouthId } from '@parcours/domain'
import { getInMemoryKeyStore } from './inMemoryKeyStore.js'
import type { PersonalFields } from './personalFields.js'
import { createVault, type OpenResult } from './vault.js'
import type { VaultError } from './vaultErrors.js'

const ada = 'youth-ada' as YouthId
const bob = 'youth-bob' as YouthId
const adaFields: PersonalFields = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  birthDate: '2005-12-10',
  comment: 'wants to code',
}

const run = async <A>(task: () => Promise<Either<VaultError, A>>): Promise<A> => {
  const result = await task()
  if (isLeft(result)) throw new Error(`unexpected ${result.left._tag}`)
  return result.right
}
const failure = async <A>(task: () => Promise<Either<VaultError, A>>): Promise<VaultError> => {
  const result = await task()
  if (isRight(result)) throw new Error('expected a failure')
  return result.left
}
const opened = (fields: PersonalFields): OpenResult => ({ _tag: 'Opened', fields })

const fieldsArb: fc.Arbitrary<PersonalFields> = fc.record(
  {
    firstName: fc.string(),
    lastName: fc.string(),
    birthDate: fc.string(),
    email: fc.string(),
    phone: fc.string(),
    address: fc.string(),
    comment: fc.string({ unit: 'grapheme' }),
    rqthDetail: fc.string(),
  },
  { requiredKeys: [] },
)

describe('vault', () => {
  it('opens what it sealed', async () => {
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    const sealed = await run(vault.seal(ada, adaFields))
    expect(sealed.alg).toBe('A256GCM')
    expect(JSON.stringify(sealed)).not.toContain('Lovelace')
    expect(await run(vault.open(sealed, ada))).toEqual(opened(adaFields))
  })

  it('round-trips any personal fields (property)', async () => {
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    await fc.assert(
      fc.asyncProperty(fieldsArb, async (fields) => {
        expect(await run(vault.open(await run(vault.seal(ada, fields)), ada))).toEqual(opened(fields))
      }),
      { numRuns: 100 },
    )
  })

  it('uses one key per young person and a fresh IV per seal', async () => {
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    const first = await run(vault.seal(ada, adaFields))
    const second = await run(vault.seal(ada, adaFields))
    const other = await run(vault.seal(bob, adaFields))
    expect(second.keyId).toBe(first.keyId)
    expect(second.iv).not.toBe(first.iv)
    expect(second.ciphertext).not.toBe(first.ciphertext)
    expect(other.keyId).not.toBe(first.keyId)
  })

  it('agrees on one key when first seals race', async () => {
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    const sealed = await Promise.all([1, 2, 3, 4].map(() => run(vault.seal(ada, adaFields))))
    expect(new Set(sealed.map((s) => s.keyId)).size).toBe(1)
    for (const s of sealed) expect(await run(vault.open(s, ada))).toEqual(opened(adaFields))
  })

  it('says Erased after the key is erased, for that young person only', async () => {
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    const adaSealed = await run(vault.seal(ada, adaFields))
    const bobSealed = await run(vault.seal(bob, { firstName: 'Bob' }))
    const erased = await run(vault.eraseKey(ada))
    expect(erased).toEqual({ youthId: ada, keyId: adaSealed.keyId, erasedNow: true })
    expect(await run(vault.open(adaSealed, ada))).toEqual({ _tag: 'Erased', keyId: adaSealed.keyId })
    expect(await run(vault.open(bobSealed, bob))).toEqual(opened({ firstName: 'Bob' }))
  })

  it('erases idempotently, and seals nothing new for an erased young person', async () => {
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    const sealed = await run(vault.seal(ada, adaFields))
    await run(vault.eraseKey(ada))
    expect(await run(vault.eraseKey(ada))).toEqual({ youthId: ada, keyId: sealed.keyId, erasedNow: false })
    expect(await failure(vault.seal(ada, adaFields))).toEqual({
      _tag: 'KeyErased',
      youthId: ada,
      keyId: sealed.keyId,
    })
  })

  it('erases a young person who never had a key: a tombstone blocks later seals', async () => {
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    const erased = await run(vault.eraseKey(ada))
    expect(erased.erasedNow).toBe(true)
    // The same key id the domain records in PersonalDataErased when nothing was ever sealed.
    expect(erased.keyId).toBe(ada)
    expect((await failure(vault.seal(ada, adaFields)))._tag).toBe('KeyErased')
  })

  it('fails authentication on tampered ciphertext, tag or IV', async () => {
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    const sealed = await run(vault.seal(ada, adaFields))
    const flip = (s: string) => {
      const bytes = Buffer.from(s, 'base64url')
      bytes[0] = (bytes[0] ?? 0) ^ 1
      return bytes.toString('base64url')
    }
    for (const tampered of [
      { ...sealed, ciphertext: flip(sealed.ciphertext) },
      { ...sealed, tag: flip(sealed.tag) },
      { ...sealed, iv: flip(sealed.iv) },
    ])
      expect(await failure(vault.open(tampered, ada))).toEqual({
        _tag: 'DecryptionFailed',
        youthId: ada,
        keyId: sealed.keyId,
        reason: 'authentication',
      })
    expect((await failure(vault.open({ ...sealed, iv: 'AAAA' }, ada)))._tag).toBe('DecryptionFailed')
  })

  it('refuses a sealed value moved into another journey or relabelled with another key', async () => {
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    const adaSealed = await run(vault.seal(ada, adaFields))
    const bobSealed = await run(vault.seal(bob, { firstName: 'Bob' }))
    expect((await failure(vault.open(adaSealed, bob)))._tag).toBe('KeyNotFound')
    const relabelled: Sealed = { ...adaSealed, keyId: bobSealed.keyId }
    expect((await failure(vault.open(relabelled, bob)))._tag).toBe('DecryptionFailed')
  })

  it('gives a typed error for a missing or corrupt key, for that young person only', async () => {
    const keyStore = getInMemoryKeyStore()
    const vault = createVault({ keyStore })
    const adaSealed = await run(vault.seal(ada, adaFields))
    const carol = 'youth-carol' as YouthId
    await keyStore.create({ youthId: carol, keyId: 'key-short' as KeyId, material: new Uint8Array(5) })()
    const carolSealed: Sealed = { ...adaSealed, keyId: 'key-short' as KeyId }
    const nobody: Sealed = { ...adaSealed, keyId: 'key-unknown' as KeyId }

    expect(await failure(vault.open(carolSealed, carol))).toEqual({
      _tag: 'CorruptKey',
      youthId: carol,
      keyId: 'key-short',
    })
    expect(await failure(vault.open(nobody, 'youth-nobody' as YouthId))).toEqual({
      _tag: 'KeyNotFound',
      youthId: 'youth-nobody',
      keyId: 'key-unknown',
    })
    expect(await run(vault.open(adaSealed, ada))).toEqual(opened(adaFields))
  })

  it('passes on an unavailable key store as a typed error', async () => {
    const broken: KeyStore = {
      create: () => async () => left({ _tag: 'KeyStoreUnavailable', message: 'down' }),
      get: () => async () => left({ _tag: 'KeyStoreUnavailable', message: 'down' }),
      delete: () => async () => left({ _tag: 'KeyStoreUnavailable', message: 'down' }),
      discard: () => async () => left({ _tag: 'KeyStoreUnavailable', message: 'down' }),
      list: () => async () => left({ _tag: 'KeyStoreUnavailable', message: 'down' }),
      close: async () => undefined,
    }
    const vault = createVault({ keyStore: broken })
    expect((await failure(vault.seal(ada, adaFields)))._tag).toBe('KeyStoreUnavailable')
    expect((await failure(vault.eraseKey(ada)))._tag).toBe('KeyStoreUnavailable')
    expect((await failure(vault.eraseKey(ada, ['key-1' as KeyId])))._tag).toBe('KeyStoreUnavailable')
    expect((await failure(vault.discard(ada, 'key-1' as KeyId)))._tag).toBe('KeyStoreUnavailable')
  })

  it('erases only the key that sealed the data: another key store, or another key, is KeyNotFound and changes nothing', async () => {
    const holding = createVault({ keyStore: getInMemoryKeyStore() })
    const sealed = await run(holding.seal(ada, adaFields))
    // An empty key store (not the one holding the key) never reports an erasure...
    const emptyStore = getInMemoryKeyStore()
    const elsewhere = createVault({ keyStore: emptyStore })
    expect(await failure(elsewhere.eraseKey(ada, [sealed.keyId]))).toEqual({
      _tag: 'KeyNotFound',
      youthId: ada,
      keyId: sealed.keyId,
    })
    expect(await run(emptyStore.list())).toEqual([])
    // ...nor one holding another key for that young person, live or erased.
    await run(elsewhere.seal(ada, adaFields))
    expect((await failure(elsewhere.eraseKey(ada, [sealed.keyId])))._tag).toBe('KeyNotFound')
    expect((await emptyStore.get(ada)())._tag).toBe('Right')
    await run(elsewhere.eraseKey(ada))
    expect((await failure(elsewhere.eraseKey(ada, [sealed.keyId])))._tag).toBe('KeyNotFound')
    // The store that holds it erases it, and again idempotently.
    expect(await run(holding.eraseKey(ada, [sealed.keyId]))).toEqual({
      youthId: ada,
      keyId: sealed.keyId,
      erasedNow: true,
    })
    expect(await run(holding.eraseKey(ada, [sealed.keyId]))).toMatchObject({ erasedNow: false })
    expect(await run(holding.open(sealed, ada))).toEqual({ _tag: 'Erased', keyId: sealed.keyId })
  })

  it('discards an unused key without a tombstone, and only that key', async () => {
    const keyStore = getInMemoryKeyStore()
    const vault = createVault({ keyStore })
    const sealed = await run(vault.seal(ada, adaFields))
    expect(await run(vault.discard(ada, 'key-other' as KeyId))).toBe(false)
    expect(await run(vault.discard(bob, sealed.keyId))).toBe(false)
    expect(await run(vault.open(sealed, ada))).toEqual(opened(adaFields))
    expect(await run(vault.discard(ada, sealed.keyId))).toBe(true)
    expect(await run(keyStore.list())).toEqual([])
    // No tombstone: the young person can be sealed for afresh, with a new key.
    const again = await run(vault.seal(ada, adaFields))
    expect(again.keyId).not.toBe(sealed.keyId)
    expect((await run(keyStore.list())).map((k) => k.keyId)).toEqual([again.keyId])
  })

  it('draws keys, key ids and IVs from the given random source', async () => {
    let counter = 0
    const randomBytes = (size: number) => new Uint8Array(size).fill(++counter)
    const vault = createVault({ keyStore: getInMemoryKeyStore(), randomBytes })
    const sealed = await run(vault.seal(ada, adaFields))
    expect(sealed.keyId).toBe(`key-${'01'.repeat(16)}`)
    expect(Buffer.from(sealed.iv, 'base64url')).toEqual(Buffer.alloc(12, 3))
  })

  it('never puts a personal value in an error', async () => {
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    const sealed = await run(vault.seal(ada, adaFields))
    const error = await failure(vault.open({ ...sealed, ciphertext: sealed.ciphertext.slice(2) }, ada))
    for (const value of Object.values(adaFields)) expect(JSON.stringify(error)).not.toContain(value)
  })
})
