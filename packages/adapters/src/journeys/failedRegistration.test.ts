import { isLeft, left, type Either } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  journeyEventCodec,
  journeyStreamName,
  type EventStore,
  type JourneyCommand,
  type JourneyEvent,
  type LocalDate,
  type MissionLocaleId,
  type YouthId,
} from '@parcours/domain'
import { getInMemoryEventStore } from '../memory/index.js'
import { collectOrphanKeys } from '../vault/collectOrphanKeys.js'
import { getInMemoryKeyStore } from '../vault/inMemoryKeyStore.js'
import { createVault } from '../vault/vault.js'
import { createJourneyCommandHandler } from './createJourneyCommandHandler.js'

// ---------------------------------------------------------------------------------------------
// a registration whose events are not stored leaves no key behind
// ---------------------------------------------------------------------------------------------

const ok = async <A>(task: () => Promise<Either<{ readonly _tag: string }, A>>): Promise<A> => {
  const result = await task()
  if (isLeft(result)) throw new Error(`unexpected ${JSON.stringify(result.left)}`)
  return result.right
}

const youth = (n: number) => `y-${n}` as YouthId
const register = (youthId: YouthId): JourneyCommand => ({
  type: 'RegisterYouth',
  youthId,
  missionLocaleId: 'ml-a' as MissionLocaleId,
  on: '2025-03-01' as LocalDate,
  counsellorId: 'c-1' as never,
  birthDate: '2005-01-01' as LocalDate,
  rqth: false,
  personalData: null,
})
const identity = { firstName: 'Zéphyrine', lastName: 'Martin', birthDate: '2005-01-01' }
const diskFull = { _tag: 'StoreUnavailable', message: 'SQLITE_FULL: database or disk is full' } as const

// An event store that fails to append while `full`, and to read while `readsFail` (set by a failed
// append too, when `readsFailAfterAppend`: the store going down right after it).
const setup = () => {
  const inner = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
  const state = { full: false, readsFail: false, readsFailAfterAppend: false }
  const store: EventStore<JourneyEvent> = {
    ...inner,
    append: (...args) =>
      state.full
        ? async () => {
            if (state.readsFailAfterAppend) state.readsFail = true
            return left(diskFull)
          }
        : inner.append(...args),
    readStream: (...args) => (state.readsFail ? async () => left(diskFull) : inner.readStream(...args)),
  }
  const keyStore = getInMemoryKeyStore()
  const vault = createVault({ keyStore })
  const handle = createJourneyCommandHandler({
    store,
    vault,
    backoff: { baseMs: 0, random: () => 0, sleep: async () => {} },
  })
  const registerOne = (youthId: YouthId) =>
    handle({ commandId: `register-${youthId}`, command: register(youthId), personal: identity })
  const keys = async () => (await ok(keyStore.list())).map((k) => k.youthId)
  return { inner, store, keyStore, state, registerOne, keys }
}

describe('a failed registration', () => {
  it('leaves no key when its events cannot be stored, and the young person can register again', async () => {
    const { state, registerOne, keys, inner } = setup()
    await ok(registerOne(youth(1)))
    state.full = true
    for (let n = 2; n <= 51; n++)
      expect(await registerOne(youth(n))()).toEqual({ _tag: 'Left', left: diskFull })
    expect(await keys()).toEqual([youth(1)])
    state.full = false
    await ok(registerOne(youth(2)))
    expect(await keys()).toEqual([youth(1), youth(2)])
    expect((await ok(inner.readStream(journeyStreamName(youth(2)))))[0]?.event.type).toBe('YouthRegistered')
  })

  it('keeps the key when another registration of that young person was stored meanwhile', async () => {
    const { inner, store, keyStore, keys } = setup()
    // The stream is written by a racing registration between this one's read and its append.
    let raced = false
    const racing: EventStore<JourneyEvent> = {
      ...store,
      append: (stream, expected, events) => async () => {
        if (!raced) {
          raced = true
          await ok(inner.append(stream, expected, events))
          return left(diskFull)
        }
        return inner.append(stream, expected, events)()
      },
    }
    const handle = createJourneyCommandHandler({ store: racing, vault: createVault({ keyStore }) })
    const result = await handle({ commandId: 'r-1', command: register(youth(1)), personal: identity })()
    expect(result._tag).toBe('Left')
    expect(await keys()).toEqual([youth(1)])
  })

  it('leaves a key the handler could not discard (the store failing for reads too) to collectOrphanKeys', async () => {
    const { store, keyStore, state, registerOne, keys } = setup()
    await ok(registerOne(youth(1)))
    state.full = true
    state.readsFailAfterAppend = true
    expect((await registerOne(youth(2))())._tag).toBe('Left')
    expect(await keys()).toEqual([youth(1), youth(2)])
    state.full = false
    state.readsFailAfterAppend = false
    state.readsFail = false
    const later = new Date(Date.now() + 60_000)
    // A dry run lists it; a key younger than the cut-off is left alone (a registration in flight).
    expect(
      (await ok(collectOrphanKeys({ store, keyStore, createdBefore: later, dryRun: true }))).discarded.map(
        (k) => k.youthId,
      ),
    ).toEqual([youth(2)])
    expect(
      (await ok(collectOrphanKeys({ store, keyStore, createdBefore: new Date(0), dryRun: false }))).discarded,
    ).toEqual([])
    expect(await keys()).toEqual([youth(1), youth(2)])
    const collected = await ok(collectOrphanKeys({ store, keyStore, createdBefore: later, dryRun: false }))
    expect(collected.discarded.map((k) => k.youthId)).toEqual([youth(2)])
    expect(collected.failed).toEqual([])
    expect(await keys()).toEqual([youth(1)])
    await ok(registerOne(youth(2)))
    expect(await keys()).toEqual([youth(1), youth(2)])
  })

  it('collectOrphanKeys keeps the key of a journey it cannot read, and lists the failure', async () => {
    const { store, keyStore, state, registerOne, keys } = setup()
    await ok(registerOne(youth(1)))
    state.readsFail = true
    const collected = await ok(
      collectOrphanKeys({ store, keyStore, createdBefore: new Date(Date.now() + 60_000), dryRun: false }),
    )
    expect(collected.discarded).toEqual([])
    expect(collected.failed.map((f) => [f.key.youthId, f.error._tag])).toEqual([
      [youth(1), 'StoreUnavailable'],
    ])
    expect(await keys()).toEqual([youth(1)])
  })
})
