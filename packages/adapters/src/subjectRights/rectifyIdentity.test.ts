import { isLeft, type Either } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  defaultAccessPolicy,
  journeyEventCodec,
  journeyStreamName,
  type Actor,
  type JourneyEvent,
  type LocalDate,
  type MissionLocaleId,
} from '@parcours/domain'
import { getInMemoryAccessLog } from '../accessLog/index.js'
import { createJourneyCommandHandler } from '../journeys/index.js'
import { getInMemoryEventStore } from '../memory/index.js'
import { erasePersonalData } from '../vault/erasePersonalData.js'
import { getInMemoryKeyStore } from '../vault/inMemoryKeyStore.js'
import { fictitiousPerson, writeJourney } from '../vault/personalDataFixtures.js'
import { createVault } from '../vault/vault.js'
import { currentIdentity, rectifyIdentity, type IdentityCorrections } from './rectifyIdentity.js'

const ok = async <A>(task: () => Promise<Either<{ readonly _tag: string }, A>>): Promise<A> => {
  const result = await task()
  if (isLeft(result)) throw new Error(`unexpected ${JSON.stringify(result.left)}`)
  return result.right
}

const counsellor = (ml: string): Actor => ({ kind: 'counsellor', id: 'c-1', missionLocaleId: ml }) as Actor

const setup = async () => {
  const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
  const vault = createVault({ keyStore: getInMemoryKeyStore() })
  const handle = createJourneyCommandHandler({ store, vault })
  const accessLog = getInMemoryAccessLog()
  const ada = fictitiousPerson(1, 'ml-a')
  await writeJourney(handle, ada, 3)
  let n = 0
  const rectify = (corrections: IdentityCorrections, actor: Actor = counsellor('ml-a')) =>
    rectifyIdentity({
      store,
      vault,
      handle,
      accessLog,
      actor,
      policy: defaultAccessPolicy,
      youthId: ada.youthId,
      missionLocaleId: 'ml-a' as MissionLocaleId,
      on: '2025-06-01' as LocalDate,
      commandId: `rectify-${++n}`,
      corrections,
      at: '2025-06-01T09:00:00.000Z',
    })
  const events = async () => (await ok(store.readStream(journeyStreamName(ada.youthId)))).map((r) => r.event)
  const identity = async () => {
    const sealed = currentIdentity(await events())
    if (sealed === null) throw new Error('no identity')
    return ok(vault.open(sealed, ada.youthId))
  }
  return { store, vault, handle, accessLog, ada, rectify, events, identity }
}

describe('rectifyIdentity', () => {
  it('seals the corrected identity into IdentityRectified: the new value opens, the old one is nowhere in clear', async () => {
    const { ada, rectify, events, identity, accessLog } = await setup()
    const result = await ok(rectify({ lastName: 'Quellec-Martin', email: '' }))
    expect(result).toMatchObject({ youthId: ada.youthId, changed: ['lastName', 'email'], replayed: false })
    const { email: _removed, ...kept } = ada.identity
    expect(await identity()).toEqual({ _tag: 'Opened', fields: { ...kept, lastName: 'Quellec-Martin' } })
    const all = await events()
    expect(all.filter((e) => e.type === 'IdentityRectified')).toHaveLength(1)
    expect(all[all.length - 1]?.type).toBe('IdentityRectified')
    const stored = JSON.stringify(all)
    for (const value of ['Quellec-Martin', ada.identity.lastName, ada.identity.email])
      expect(stored).not.toContain(value)
    expect(accessLog.entries()).toMatchObject([
      { actor: 'counsellor:c-1@ml-a', youthId: ada.youthId, purpose: 'rectification', opened: ['identity'] },
    ])
  })

  it('corrects the latest identity: a second rectification keeps the first', async () => {
    const { rectify, identity } = await setup()
    await ok(rectify({ firstName: 'Zoé' }))
    await ok(rectify({ phone: '+33 6 00 00 00 00' }))
    expect(await identity()).toMatchObject({ fields: { firstName: 'Zoé', phone: '+33 6 00 00 00 00' } })
  })

  it('refuses what corrects nothing, another mission locale and a statistician, recording nothing', async () => {
    const { ada, rectify, events, accessLog } = await setup()
    const before = await events()
    expect((await rectify({})())._tag === 'Left').toBe(true)
    expect(await rectify({ firstName: ada.identity.firstName ?? '' })()).toEqual({
      _tag: 'Left',
      left: { _tag: 'NoCorrection', youthId: ada.youthId },
    })
    const other = await rectify({ firstName: 'Zoé' }, counsellor('ml-b'))()
    expect(other._tag === 'Left' && other.left._tag === 'AccessDenied' && other.left.rule).toBe(
      'OtherMissionLocale',
    )
    const stat = await rectify({ firstName: 'Zoé' }, { kind: 'statistician', id: 's-1' } as Actor)()
    expect(stat._tag === 'Left' && stat.left._tag === 'AccessDenied' && stat.left.rule).toBe('AggregatesOnly')
    expect(await events()).toEqual(before)
    expect(accessLog.entries()).toEqual([])
  })

  it('is refused once the personal data was erased', async () => {
    const { store, vault, handle, ada, rectify } = await setup()
    await ok(
      erasePersonalData({
        vault,
        handle,
        store,
        youthId: ada.youthId,
        missionLocaleId: ada.missionLocaleId,
        on: '2025-05-01' as LocalDate,
        commandId: 'erase',
      }),
    )
    expect(await rectify({ firstName: 'Zoé' })()).toEqual({
      _tag: 'Left',
      left: { _tag: 'Rejected', error: { _tag: 'PersonalDataAlreadyErased' } },
    })
  })
})
