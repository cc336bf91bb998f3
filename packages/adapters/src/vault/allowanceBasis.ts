import { isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { AllowanceBasis, type OpenedBasis, type Sealed, type YouthId } from '@parcours/domain'
import type { PersonalFields } from './personalFields.js'
import type { Vault } from './vault.js'
import type { VaultError } from './vaultErrors.js'

// ---------------------------------------------------------------------------------------------
// The CEJ allowance's basis through the vault: the household's tax status (and a minor's 18th
// birthday) is personal data, sealed with the young person's key like the identity, opened only
// by the shell that computes the allowance statement for payment.
// ---------------------------------------------------------------------------------------------

/** The personal fields a basis is sealed as (what a SetCejAllowance command's `personal` carries). */
export const allowanceBasisFields = (basis: AllowanceBasis): PersonalFields => ({
  householdTaxStatus: basis.householdTaxStatus,
  allowanceTerritory: basis.allowanceTerritory,
  ...(basis.adultOn === null ? {} : { adultOn: basis.adultOn }),
})

/** Seals an allowance basis with the young person's key. */
export const sealAllowanceBasis = (
  vault: Vault,
  youthId: YouthId,
  basis: AllowanceBasis,
): TaskEither<VaultError, Sealed> => vault.seal(youthId, allowanceBasisFields(basis))

/**
 * Opens a sealed allowance basis: the basis, or `unreadable` once the key was erased.
 * `const r = await openAllowanceBasis(vault, sealed, youthId)()`, then `if (isLeft(r))`.
 */
export const openAllowanceBasis =
  (vault: Vault, sealed: Sealed, youthId: YouthId): TaskEither<VaultError, OpenedBasis> =>
  async () => {
    const opened = await vault.open(sealed, youthId)()
    if (isLeft(opened)) return opened
    if (opened.right._tag === 'Erased') return right('unreadable' as const)
    const f = opened.right.fields
    const basis = AllowanceBasis.decode({
      householdTaxStatus: f.householdTaxStatus,
      allowanceTerritory: f.allowanceTerritory,
      adultOn: f.adultOn ?? null,
    })
    return isLeft(basis)
      ? left<VaultError, OpenedBasis>({
          _tag: 'DecryptionFailed',
          youthId,
          keyId: sealed.keyId,
          reason: 'payload',
        })
      : right(basis.right)
  }
