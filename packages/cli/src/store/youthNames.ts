import { isLeft } from 'fp-ts/lib/Either.js'
import { currentIdentity } from '@parcours/adapters'
import { decideAccess, journeyStreamName, type MissionLocaleId, type YouthId } from '@parcours/domain'
import { journeyRefOf, recordOpening, type Session } from './access.js'
import { journeyFailure, vaultFailure } from './errors.js'
import type { StoreEnv } from './openStore.js'

// ---------------------------------------------------------------------------------------------
// query: the names of a list of young people, opened through the vault for the one reader whose
// grant opens identities — each opening recorded in the access log before any name is returned
// ---------------------------------------------------------------------------------------------

/** A young person's name as a list shows it, or why there is none. */
export type YouthName =
  | { readonly kind: 'named'; readonly firstName: string; readonly lastName: string }
  | { readonly kind: 'none' | 'erased' | 'withheld' }

/**
 * The names of `youthIds` for `session`. A journey the reader may not open shows `withheld`; a
 * vault or access log failure fails the whole call (nothing is returned, so nothing is shown
 * without its entry in the access log).
 */
export const openYouthNames = async (
  env: Pick<StoreEnv, 'store' | 'vault' | 'accessLog'>,
  session: Session,
  youthIds: ReadonlyArray<string>,
  at: string,
): Promise<ReadonlyMap<string, YouthName>> => {
  const names = new Map<string, YouthName>()
  const openings: Array<{ readonly youthId: YouthId; readonly missionLocaleId: MissionLocaleId }> = []
  for (const id of new Set(youthIds)) {
    const youthId = id as YouthId
    const journey = await journeyRefOf(env, youthId)
    const decision = decideAccess(session.policy, session.actor, {
      kind: 'read-journey',
      purpose: 'show',
      journey,
    })
    if (isLeft(decision) || !decision.right.identity || journey.holder === null) {
      names.set(id, { kind: 'withheld' })
      continue
    }
    const stream = await env.store.readStream(journeyStreamName(youthId))()
    if (isLeft(stream)) throw journeyFailure(stream.left)
    const sealed = currentIdentity(stream.right.map((r) => r.event))
    if (sealed === null) {
      names.set(id, { kind: 'none' })
      continue
    }
    const opened = await env.vault.open(sealed, youthId)()
    if (isLeft(opened)) throw vaultFailure(opened.left)
    if (opened.right._tag === 'Erased') {
      names.set(id, { kind: 'erased' })
      continue
    }
    const { firstName, lastName } = opened.right.fields
    names.set(
      id,
      firstName === undefined && lastName === undefined
        ? { kind: 'none' }
        : { kind: 'named', firstName: firstName ?? '', lastName: lastName ?? '' },
    )
    openings.push({ youthId, missionLocaleId: journey.holder })
  }
  for (const o of openings)
    await recordOpening(env.accessLog, session, { at, ...o, purpose: 'show', opened: ['identity'] })
  return names
}
