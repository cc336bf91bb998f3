import { describe, expect, it } from 'vitest'
import type { KeyId, YouthId } from '@parcours/domain'
import { describeVaultError, type VaultError } from './vaultErrors.js'

const youthId = 'youth-9' as YouthId
const keyId = 'key-9' as KeyId

describe('describeVaultError', () => {
  it('gives one line per error that names the young person and the key', () => {
    const errors: ReadonlyArray<VaultError> = [
      { _tag: 'KeyNotFound', youthId },
      { _tag: 'KeyNotFound', youthId, keyId },
      { _tag: 'KeyErased', youthId, keyId },
      { _tag: 'CorruptKey', youthId, keyId },
      { _tag: 'DecryptionFailed', youthId, keyId, reason: 'authentication' },
    ]
    for (const error of errors) {
      const line = describeVaultError(error)
      expect(line).toContain(youthId)
      expect(line).not.toContain('\n')
      if ('keyId' in error) expect(line).toContain(keyId)
    }
    expect(describeVaultError({ _tag: 'KeyStoreUnavailable', message: 'disk full' })).toBe(
      'key store unavailable: disk full',
    )
  })
})
