import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { AgeLimits, type JourneyState, type Sealed, type YouthId } from '@parcours/domain'
import type { Vault } from './vault.js'
import type { VaultError } from './vaultErrors.js'

// ---------------------------------------------------------------------------------------------
// The journey's age limits through the vault: sealed at registration with the young person's
// key, opened by the shell before each command, since `decide` takes them as input.
// ---------------------------------------------------------------------------------------------

/** What opening a journey's age limits gives: them, or the fact that there are none to open. */
export type OpenedAgeLimits =
  | { readonly _tag: 'Opened'; readonly ageLimits: AgeLimits }
  /** Not registered, registered without sealed limits, or erased: the command goes without. */
  | { readonly _tag: 'None'; readonly why: 'unregistered' | 'not-sealed' | 'erased' }

/** Seals the age limits with the young person's key (creating it on their first seal). */
export const sealAgeLimits = (
  vault: Vault,
  youthId: YouthId,
  limits: AgeLimits,
): TaskEither<VaultError, Sealed> =>
  vault.seal(youthId, { ageLimitOn: limits.ageLimitOn, cejAgeLimitOn: limits.cejAgeLimitOn })

/** Opens the age limits the journey's registration sealed; `await openAgeLimits(vault, state)()`. */
export const openAgeLimits =
  (vault: Vault, state: JourneyState): TaskEither<VaultError, OpenedAgeLimits> =>
  async () => {
    if (state.status === 'unregistered') return right({ _tag: 'None', why: 'unregistered' })
    if (state.sealedAgeLimits === null) return right({ _tag: 'None', why: 'not-sealed' })
    const opened = await vault.open(state.sealedAgeLimits, state.youthId)()
    if (isLeft(opened)) return opened
    if (opened.right._tag === 'Erased') return right({ _tag: 'None', why: 'erased' })
    const limits = AgeLimits.decode(opened.right.fields)
    return isLeft(limits)
      ? left<VaultError, OpenedAgeLimits>({
          _tag: 'DecryptionFailed',
          youthId: state.youthId,
          keyId: state.sealedAgeLimits.keyId,
          reason: 'payload',
        })
      : right({
          _tag: 'Opened',
          ageLimits: { ageLimitOn: limits.right.ageLimitOn, cejAgeLimitOn: limits.right.cejAgeLimitOn },
        })
  }

/**
 * The command with the journey's age limits opened, when there are any to open; they replace
 * whatever limits it came with. Without any (unregistered, erased, or held in clear by a store not
 * yet migrated), it goes without limits of its own: the journey's are the only ones that count.
 */
export const withAgeLimitsOpened = async <
  C extends { readonly type: string; readonly ageLimits?: AgeLimits },
>(
  vault: Vault,
  state: JourneyState,
  command: C,
): Promise<Either<VaultError, C>> => {
  const opened = await openAgeLimits(vault, state)()
  if (isLeft(opened)) return opened
  if (opened.right._tag === 'Opened') return right({ ...command, ageLimits: opened.right.ageLimits })
  // The key is gone but the journey does not record its erasure yet: only that erasure can go on.
  if (
    opened.right.why === 'erased' &&
    state.status !== 'unregistered' &&
    state.sealedAgeLimits !== null &&
    !state.personalDataErased &&
    command.type !== 'ErasePersonalData'
  )
    return left({ _tag: 'KeyErased', youthId: state.youthId, keyId: state.sealedAgeLimits.keyId })
  const { ageLimits: _given, ...without } = command
  return right(without as C)
}
