import { isLeft } from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import type { AllowanceBasis, YouthId } from '@parcours/domain'
import { openAllowanceBasis, sealAllowanceBasis } from './allowanceBasis.js'
import { getInMemoryKeyStore } from './inMemoryKeyStore.js'
import { createVault } from './vault.js'

const youth = 'y-1' as YouthId

describe('the allowance basis in the vault', () => {
  test('it is sealed (nothing of it in clear), opened back whole, and unreadable once the key is erased', async () => {
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    const minor: AllowanceBasis = {
      householdTaxStatus: 'first-bracket',
      allowanceTerritory: 'mayotte',
      adultOn: '2026-02-11' as never,
    }
    const sealed = await sealAllowanceBasis(vault, youth, minor)()
    if (isLeft(sealed)) throw new Error('seal failed')
    expect(JSON.stringify(sealed.right)).not.toMatch(/first-bracket|mayotte|2026-02-11/)
    expect(await openAllowanceBasis(vault, sealed.right, youth)()).toEqual({ _tag: 'Right', right: minor })
    const adult = await sealAllowanceBasis(vault, youth, { ...minor, adultOn: null })()
    if (isLeft(adult)) throw new Error('seal failed')
    expect(await openAllowanceBasis(vault, adult.right, youth)()).toMatchObject({ right: { adultOn: null } })
    await vault.eraseKey(youth)()
    expect(await openAllowanceBasis(vault, sealed.right, youth)()).toEqual({
      _tag: 'Right',
      right: 'unreadable',
    })
  })

  test('a sealed value that is no basis (a comment) is a decryption failure, not a basis', async () => {
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    const comment = await vault.seal(youth, { comment: 'hello' })()
    if (isLeft(comment)) throw new Error('seal failed')
    expect(await openAllowanceBasis(vault, comment.right, youth)()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'DecryptionFailed', reason: 'payload' },
    })
  })
})
