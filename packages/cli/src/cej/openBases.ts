import { isLeft } from 'fp-ts/lib/Either.js'
import { describeVaultError, openAllowanceBasis } from '@parcours/adapters'
import type { MissionLocaleId, OpenedBasis, Sealed, YouthId } from '@parcours/domain'
import type { SealedBasis } from '@parcours/projections'
import { infrastructureError } from '../cli/errors.js'
import { recordOpening, type Session } from '../store/access.js'
import type { StoreEnv } from '../store/openStore.js'

// ---------------------------------------------------------------------------------------------
// the shell's part of the allowance: each opening of a young person's allowance basis is written
// to the access log first, then the vault opens it; an erased key leaves it unreadable.
// ---------------------------------------------------------------------------------------------

/** Opens these sealed bases (access log first, one entry per young person); a lookup for the statement. */
export const openBases = async (
  env: Pick<StoreEnv, 'vault' | 'accessLog'>,
  session: Session,
  missionLocaleId: string,
  purpose: 'export' | 'show',
  bases: ReadonlyArray<SealedBasis>,
): Promise<(youthId: string, sealed: Sealed) => OpenedBasis> => {
  const at = new Date().toISOString()
  for (const youthId of new Set(bases.map((b) => b.youthId)))
    await recordOpening(env.accessLog, session, {
      at,
      youthId: youthId as YouthId,
      missionLocaleId: missionLocaleId as MissionLocaleId,
      purpose,
      opened: ['allowance-basis'],
    })
  const opened = new Map<string, OpenedBasis>()
  for (const b of bases) {
    const r = await openAllowanceBasis(env.vault, b.sealed, b.youthId as YouthId)()
    if (isLeft(r))
      throw infrastructureError(
        `the allowance basis of ${b.youthId} cannot be opened: ${describeVaultError(r.left)}`,
      )
    opened.set(b.sealed.ciphertext, r.right)
  }
  return (_youthId, sealed) => opened.get(sealed.ciphertext) ?? 'unreadable'
}
