import { isLeft, left, type Either } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  defaultAccessPolicy,
  journeyEventCodec,
  journeyStreamName,
  type Actor,
  type JourneyEvent,
  type LocalDate,
  type YouthId,
} from '@parcours/domain'
import { getInMemoryAccessLog } from '../accessLog/index.js'
import { createJourneyCommandHandler } from '../journeys/index.js'
import { getInMemoryEventStore } from '../memory/index.js'
import { erasePersonalData } from '../vault/erasePersonalData.js'
import { getInMemoryKeyStore } from '../vault/inMemoryKeyStore.js'
import {
  fictitiousPerson,
  journeyStages,
  personalValues,
  writeJourney,
} from '../vault/personalDataFixtures.js'
import { createVault, type Vault } from '../vault/vault.js'
import { exportSubjectData } from './exportSubjectData.js'

const ok = async <A>(task: () => Promise<Either<{ readonly _tag: string }, A>>): Promise<A> => {
  const result = await task()
  if (isLeft(result)) throw new Error(`unexpected ${JSON.stringify(result.left)}`)
  return result.right
}

const manager = (ml: string): Actor => ({ kind: 'manager', id: 'm-1', missionLocaleId: ml }) as Actor
const counsellor = (ml: string): Actor => ({ kind: 'counsellor', id: 'c-1', missionLocaleId: ml }) as Actor
const AT = '2026-01-05T10:00:00.000Z'

const setup = async () => {
  const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
  const vault = createVault({ keyStore: getInMemoryKeyStore() })
  const handle = createJourneyCommandHandler({ store, vault })
  const accessLog = getInMemoryAccessLog()
  const ada = fictitiousPerson(1, 'ml-a')
  const bob = fictitiousPerson(2, 'ml-a')
  await writeJourney(handle, ada, journeyStages)
  await writeJourney(handle, bob, journeyStages)
  const request = (actor: Actor, youthId: YouthId = ada.youthId, through: Vault = vault) =>
    exportSubjectData({
      store,
      vault: through,
      accessLog,
      actor,
      policy: defaultAccessPolicy,
      youthId,
      at: AT,
    })
  return { store, vault, handle, accessLog, ada, bob, request }
}

describe('exportSubjectData', () => {
  it('gives a manager of the holding mission locale everything held about that young person, opened, and logs it', async () => {
    const { store, accessLog, ada, bob, request } = await setup()
    const exported = await ok(request(manager('ml-a')))
    const stream = await ok(store.readStream(journeyStreamName(ada.youthId)))
    expect(exported).toMatchObject({
      parcoursSubjectAccess: 1,
      youthId: ada.youthId,
      missionLocaleId: 'ml-a',
      exportedAt: AT,
      exportedBy: 'manager:m-1@ml-a',
      erased: false,
      identity: ada.identity,
    })
    expect(exported.events.map((e) => [e.revision, e.type])).toEqual(
      stream.map((r) => [Number(r.revision), r.event.type]),
    )
    const comments = exported.comments.map((c) =>
      typeof c.comment === 'string' ? c.comment : c.comment.comment,
    )
    expect(comments).toEqual(
      expect.arrayContaining([ada.requestComment, ada.followUpComment, ada.closingComment]),
    )
    const text = JSON.stringify(exported)
    // Every value recorded about them (dates derived from the birth date are not stored as such).
    for (const value of [...Object.values(ada.identity), ada.requestComment, ada.followUpComment])
      expect(text).toContain(value)
    // That young person only: nothing of anyone else, no sealed value left closed.
    for (const value of personalValues(bob).filter((v) => !personalValues(ada).includes(v)))
      expect(text).not.toContain(value)
    expect(text).not.toContain(bob.youthId)
    expect(text).not.toContain('ciphertext')
    // Logged before it was returned, and listed in the export itself.
    expect(accessLog.entries()).toMatchObject([
      {
        actor: 'manager:m-1@ml-a',
        youthId: ada.youthId,
        purpose: 'access-request',
        opened: ['comments', 'identity'],
      },
    ])
    expect(exported.openings).toEqual(accessLog.entries())
  })

  it('refuses anyone else, records nothing and opens nothing', async () => {
    const { accessLog, request } = await setup()
    const denials: Array<[Actor, string]> = [
      [counsellor('ml-a'), 'SubjectRightsByManager'],
      [manager('ml-b'), 'OtherMissionLocale'],
      [{ kind: 'statistician', id: 's-1' } as Actor, 'AggregatesOnly'],
      [{ kind: 'operator', id: 'o-1' } as Actor, 'OperatorRunsMaintenance'],
    ]
    for (const [actor, rule] of denials) {
      const r = await request(actor)()
      expect(r._tag === 'Left' && r.left._tag === 'AccessDenied' && r.left.rule).toBe(rule)
    }
    const unknown = await request(manager('ml-a'), 'youth-nobody' as YouthId)()
    expect(unknown._tag === 'Left' && unknown.left._tag === 'AccessDenied' && unknown.left.rule).toBe(
      'OtherMissionLocale',
    )
    expect(accessLog.entries()).toEqual([])
  })

  it('fails with the vault’s error, recording nothing, when the key store cannot be read', async () => {
    const { vault, accessLog, request } = await setup()
    const down: Vault = {
      ...vault,
      open: () => async () => left({ _tag: 'KeyStoreUnavailable', message: 'down' }),
    }
    const r = await request(manager('ml-a'), undefined, down)()
    expect(r._tag === 'Left' && r.left._tag).toBe('KeyStoreUnavailable')
    expect(accessLog.entries()).toEqual([])
  })

  it('after erasure, exports the pseudonymous journey with every sealed value `erased`, and logs no opening', async () => {
    const { store, vault, handle, accessLog, ada, request } = await setup()
    await ok(
      erasePersonalData({
        vault,
        handle,
        store,
        youthId: ada.youthId,
        missionLocaleId: ada.missionLocaleId,
        on: '2030-01-01' as LocalDate,
        commandId: 'erase-1',
      }),
    )
    const exported = await ok(request(manager('ml-a')))
    expect(exported.erased).toBe(true)
    expect(exported.identity).toBe('erased')
    expect(exported.comments.every((c) => c.comment === 'erased')).toBe(true)
    for (const value of personalValues(ada)) expect(JSON.stringify(exported)).not.toContain(value)
    expect(accessLog.entries()).toEqual([])
  })
})
