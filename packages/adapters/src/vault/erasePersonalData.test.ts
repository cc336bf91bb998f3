import { isLeft, type Either } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  journeyEventCodec,
  journeyStreamName,
  type JourneyEvent,
  type LocalDate,
  type MissionLocaleId,
} from '@parcours/domain'
import { createJourneyCommandHandler } from '../journeys/index.js'
import { getInMemoryEventStore } from '../memory/index.js'
import { erasePersonalData, sealedKeyIds } from './erasePersonalData.js'
import { getInMemoryKeyStore } from './inMemoryKeyStore.js'
import { fictitiousPerson, writeJourney } from './personalDataFixtures.js'
import { createVault } from './vault.js'

const ok = async <A>(task: () => Promise<Either<{ readonly _tag: string }, A>>): Promise<A> => {
  const result = await task()
  if (isLeft(result)) throw new Error(`unexpected ${JSON.stringify(result.left)}`)
  return result.right
}

// One young person registered, with comments, through a vault over `keyStore`.
const setup = async () => {
  const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
  const keyStore = getInMemoryKeyStore()
  const vault = createVault({ keyStore })
  const handle = createJourneyCommandHandler({ store, vault })
  const person = fictitiousPerson(1, 'ml-a')
  await writeJourney(handle, person, 3)
  const events = async () =>
    (await ok(store.readStream(journeyStreamName(person.youthId)))).map((r) => r.event)
  const erase = (through: ReturnType<typeof createVault>) =>
    erasePersonalData({
      vault: through,
      handle: createJourneyCommandHandler({ store, vault: through }),
      store,
      youthId: person.youthId,
      missionLocaleId: 'ml-a' as MissionLocaleId,
      on: '2030-01-01' as LocalDate,
      commandId: 'erase-1',
    })
  return { store, keyStore, vault, person, events, erase }
}

describe('erasePersonalData', () => {
  it('fails with KeyNotFound and records nothing through a key store that does not hold the key', async () => {
    const { vault, person, events, erase } = await setup()
    const [keyId] = sealedKeyIds(await events())
    const before = await events()
    // An empty key store: the wrong file, or a new one where the old one was expected.
    const empty = getInMemoryKeyStore()
    const result = await erase(createVault({ keyStore: empty }))()
    expect(result).toEqual({ _tag: 'Left', left: { _tag: 'KeyNotFound', youthId: person.youthId, keyId } })
    expect(await events()).toEqual(before)
    expect((await events()).some((e) => e.type === 'PersonalDataErased')).toBe(false)
    // It created nothing there either, and the real key still opens the data.
    expect(await ok(empty.list())).toEqual([])
    const registered = before[0]
    if (registered?.type !== 'YouthRegistered' || registered.personalData === null)
      throw new Error('no identity')
    expect((await ok(vault.open(registered.personalData, person.youthId)))._tag).toBe('Opened')
  })

  it('fails when the key store holds another key (or the tombstone of another) for that young person', async () => {
    const { person, events, erase } = await setup()
    const other = createVault({ keyStore: getInMemoryKeyStore() })
    await ok(other.eraseKey(person.youthId)) // a tombstone of a key that sealed nothing here
    const result = await erase(other)()
    expect(result._tag === 'Left' && result.left._tag).toBe('KeyNotFound')
    expect((await events()).some((e) => e.type === 'PersonalDataErased')).toBe(false)
  })

  it('erases through the key store that holds the key, once: the data opens as Erased', async () => {
    const { vault, person, events, erase } = await setup()
    const [keyId] = sealedKeyIds(await events())
    expect(await ok(erase(vault))).toEqual({
      youthId: person.youthId,
      keyId,
      keyErasedNow: true,
      eventRecordedNow: true,
    })
    expect(await ok(erase(vault))).toMatchObject({ keyErasedNow: false, eventRecordedNow: false })
    const all = await events()
    expect(all.filter((e) => e.type === 'PersonalDataErased')).toHaveLength(1)
    const registered = all[0]
    if (registered?.type !== 'YouthRegistered' || registered.personalData === null)
      throw new Error('no identity')
    expect((await ok(vault.open(registered.personalData, person.youthId)))._tag).toBe('Erased')
  })

  it('names every key the journey sealed with: identity and comments share the young person’s key', async () => {
    const { events } = await setup()
    const ids = sealedKeyIds(await events())
    expect(ids).toHaveLength(1)
    expect(ids[0]).toMatch(/^key-/)
  })
})
