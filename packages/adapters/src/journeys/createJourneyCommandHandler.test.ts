import { randomUUID } from 'node:crypto'
import { isLeft, right } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  foldJourney,
  journeyDecider,
  journeyEventCodec,
  journeyStreamName,
  type EventStore,
  type JourneyCommand,
  type JourneyEvent,
  type JourneyState,
  type LocalDate,
  type MissionLocaleId,
  type YouthId,
} from '@parcours/domain'
import {
  getInMemoryStateSnapshots,
  type StateSnapshot,
  type StateSnapshots,
} from '../commandHandling/index.js'
import { getInMemoryEventStore } from '../memory/index.js'
import { getInMemoryKeyStore } from '../vault/inMemoryKeyStore.js'
import { createVault, type Vault } from '../vault/vault.js'
import { createJourneyCommandHandler } from './createJourneyCommandHandler.js'

// ---------------------------------------------------------------------------------------------
// the journey command handler: tenant in metadata, personal fields sealed once accepted
// ---------------------------------------------------------------------------------------------

const youthId = 'y-1' as YouthId
// What the shell opened from the sealed registration: the age limits of a birth on 2005-01-01.
const ageLimits = { ageLimitOn: '2031-01-01' as LocalDate, cejAgeLimitOn: '2031-01-01' as LocalDate }
const base = { youthId, missionLocaleId: 'ml-a' as MissionLocaleId, ageLimits }
const d = (s: string) => s as LocalDate
const register = (birthDate: string): JourneyCommand => ({
  ...base,
  type: 'RegisterYouth',
  on: d('2025-03-01'),
  counsellorId: 'c-1' as never,
  birthDate: d(birthDate),
  rqth: false,
  personalData: null,
  sealedAgeLimits: null,
})
const close = (reason: 'other' | 'moved-away'): JourneyCommand => ({
  ...base,
  type: 'CloseJourney',
  on: d('2025-04-01'),
  reason,
  comment: null,
})

let seals = 0

const setup = (view: (store: EventStore<JourneyEvent>) => EventStore<JourneyEvent> = (s) => s) => {
  seals = 0
  const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
  const keyStore = getInMemoryKeyStore()
  const sealing = createVault({ keyStore })
  const vault: Vault = {
    ...sealing,
    seal: (youth, fields) => {
      seals++
      return sealing.seal(youth, fields)
    },
  }
  const handle = createJourneyCommandHandler({
    store: view(store),
    vault,
    backoff: { baseMs: 0, random: () => 0, sleep: async () => {} },
  })
  const stored = async () => {
    const read = await store.readStream(journeyStreamName(youthId))()
    if (isLeft(read)) throw new Error(read.left._tag)
    return read.right
  }
  const hasKey = async () => !isLeft(await keyStore.get(youthId)())
  return { store, vault, handle, stored, hasKey }
}

describe('createJourneyCommandHandler', () => {
  it('writes to the young person’s stream with the mission locale as tenant', async () => {
    const { handle, stored } = setup()
    const result = await handle({ commandId: 'c-1', command: register('2005-01-01') })()
    expect(result).toMatchObject({ _tag: 'Right', right: { streamName: journeyStreamName(youthId) } })
    expect(new Set((await stored()).map((e) => e.metadata.tenant))).toEqual(new Set(['ml-a']))
  })

  it("answers a journey's current state by young person, as its events fold", async () => {
    const { handle, stored } = setup()
    expect(await handle.currentState(youthId)()).toMatchObject({
      _tag: 'Right',
      right: { state: { status: 'unregistered' }, revision: -1n },
    })
    await handle({ commandId: 'c-1', command: register('2005-01-01') })()
    const events = await stored()
    expect(await handle.currentState(youthId)()).toEqual({
      _tag: 'Right',
      right: {
        state: foldJourney(events.map((e) => e.event)),
        revision: BigInt(events.length - 1),
      },
    })
  })

  it('seals the personal fields into the recorded command, and the vault opens them', async () => {
    const { handle, vault, stored } = setup()
    await handle({
      commandId: 'c-1',
      command: register('2005-01-01'),
      personal: { firstName: 'Zéphyrine' },
    })()
    const registered = (await stored())[0]?.event
    if (registered?.type !== 'YouthRegistered' || registered.personalData === null)
      throw new Error('expected sealed personal data')
    expect(await vault.open(registered.personalData, youthId)()).toEqual({
      _tag: 'Right',
      right: { _tag: 'Opened', fields: { firstName: 'Zéphyrine' } },
    })
    await handle({ commandId: 'c-2', command: close('other'), personal: { comment: 'départ' } })()
    const closed = (await stored()).find((e) => e.event.type === 'JourneyClosed')?.event
    expect(closed?.type === 'JourneyClosed' && closed.comment !== null).toBe(true)
  })

  it('seals nothing for a refused command: no key is created', async () => {
    const { handle, hasKey, stored } = setup()
    const tooYoung = await handle({
      commandId: 'c-1',
      command: register('2015-01-01'),
      personal: { firstName: 'Kid' },
    })()
    expect(tooYoung).toMatchObject({ _tag: 'Left', left: { _tag: 'Rejected' } })
    expect(await hasKey()).toBe(false)
    expect(await stored()).toEqual([])
  })

  it('judges the command as if sealed: a closing for `other` with a comment to seal is accepted', async () => {
    const { handle } = setup()
    await handle({ commandId: 'c-1', command: register('2005-01-01') })()
    const without = await handle({ commandId: 'c-2', command: close('other') })()
    expect(without).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'Rejected', error: { _tag: 'CommentRequired' } },
    })
    const withComment = await handle({
      commandId: 'c-3',
      command: close('other'),
      personal: { comment: 'x' },
    })()
    expect(withComment).toMatchObject({ _tag: 'Right', right: { replayed: false } })
  })

  it('answers a re-sent command without sealing again, even after erasure', async () => {
    const { handle, vault, stored } = setup()
    const first = await handle({
      commandId: 'c-1',
      command: register('2005-01-01'),
      personal: { lastName: 'Q' },
    })()
    const before = (await stored()).length
    await vault.eraseKey(youthId)()
    const again = await handle({
      commandId: 'c-1',
      command: register('2005-01-01'),
      personal: { lastName: 'Q' },
    })()
    if (isLeft(first)) throw new Error(first.left._tag)
    expect(again).toEqual({ _tag: 'Right', right: { ...first.right, replayed: true } })
    expect(await stored()).toHaveLength(before)
    // The registration seals its identity and its age limits, once each; the re-sent one nothing.
    expect(seals).toBe(2)
  })

  it('reports the vault’s refusal to seal for an erased person, and writes nothing', async () => {
    const { handle, vault, stored } = setup()
    await handle({ commandId: 'c-1', command: register('2005-01-01'), personal: { lastName: 'Q' } })()
    const before = (await stored()).length
    await vault.eraseKey(youthId)()
    const comment = await handle({ commandId: 'c-2', command: close('other'), personal: { comment: 'x' } })()
    expect(comment).toMatchObject({ _tag: 'Left', left: { _tag: 'KeyErased', youthId } })
    expect(await stored()).toHaveLength(before)
  })

  it('refuses personal fields for a command that has no field to carry them', async () => {
    const { handle, stored } = setup()
    const result = await handle({
      commandId: 'c-1',
      command: { ...base, type: 'AssignCounsellor', on: d('2025-03-02'), counsellorId: 'c-2' as never },
      personal: { comment: 'x' },
    })()
    expect(result).toEqual({ _tag: 'Left', left: { _tag: 'NothingToSeal', commandType: 'AssignCounsellor' } })
    expect(await stored()).toEqual([])
  })

  it('seals once across conflict retries', async () => {
    let rivals = 2
    const { handle, stored } = setup((store) => ({
      ...store,
      // Before each of the first appends, a rival assigns another counsellor on the same stream.
      append: (stream, expected, events) => async () => {
        if (rivals > 0) {
          const read = await store.readStream(stream)()
          if (isLeft(read)) return read
          if (read.right.length === 0) return store.append(stream, expected, events)()
          rivals--
          const rival = journeyDecider.decide(
            {
              ...base,
              type: 'AssignCounsellor',
              on: d('2025-03-02'),
              counsellorId: `c-rival-${rivals}` as never,
            },
            foldJourney(read.right.map((e) => e.event)),
          )
          if (isLeft(rival)) throw new Error(rival.left._tag)
          await store.append(
            stream,
            'any',
            rival.right.map((event) => ({ id: randomUUID(), event })),
          )()
        }
        return store.append(stream, expected, events)()
      },
    }))
    await handle({ commandId: 'c-1', command: register('2005-01-01') })()
    const result = await handle({ commandId: 'c-2', command: close('other'), personal: { comment: 'x' } })()
    expect(result).toMatchObject({ _tag: 'Right', right: { replayed: false } })
    // The registration seals its age limits; the comment is sealed once across the retries.
    expect(seals).toBe(2)
    expect((await stored()).map((e) => e.event.type)).toContain('JourneyClosed')
  })
})

describe('createJourneyCommandHandler: state snapshots', () => {
  const handlerWith = (store: EventStore<JourneyEvent>, snapshots: StateSnapshots<JourneyState>) =>
    createJourneyCommandHandler({
      store,
      vault: createVault({ keyStore: getInMemoryKeyStore() }),
      backoff: { baseMs: 0, random: () => 0, sleep: async () => {} },
      snapshots,
      snapshotEvery: 1,
    })

  it('saves a journey whose age limits are sealed, with nothing of the birth date in clear', async () => {
    const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
    const saved: Array<StateSnapshot<JourneyState>> = []
    const snapshots = getInMemoryStateSnapshots<JourneyState>()
    const handle = handlerWith(store, { ...snapshots, save: (s) => (saved.push(s), snapshots.save(s)) })
    expect(await handle({ commandId: 'c-1', command: register('2005-06-17') })()).toMatchObject({
      _tag: 'Right',
    })
    expect(saved.map((s) => s.revision)).toEqual([1n]) // a registration records two events
    const json = JSON.stringify(saved[0]?.state)
    // The age limits (first of the month after the 26th birthday) are sealed, the birth date absent.
    for (const clear of ['2005-06-17', '2031-07-01']) expect(json).not.toContain(clear)
  })

  it('never saves a legacy journey holding its age limits in clear', async () => {
    const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
    const registration: JourneyEvent = {
      type: 'YouthRegistered',
      youthId,
      missionLocaleId: 'ml-a' as MissionLocaleId,
      on: d('2025-03-01'),
      counsellorId: 'c-1' as never,
      ageBand: '18-21',
      sealedAgeLimits: null,
      personalData: null,
    }
    const appended = await store.append(journeyStreamName(youthId), 'no-stream', [
      { id: randomUUID(), event: registration },
    ])()
    expect(isLeft(appended)).toBe(false)
    // Read as a store not yet migrated hands it back: schema version 2, the limits in clear.
    const legacy: EventStore<JourneyEvent> = {
      ...store,
      readStream: (name, options) => async () => {
        const read = await store.readStream(name, options)()
        if (isLeft(read)) return read
        return right(
          read.right.map((e) =>
            e.event.type === 'YouthRegistered'
              ? { ...e, event: { ...e.event, legacyAgeLimits: ageLimits } }
              : e,
          ),
        )
      },
    }
    const snapshots = getInMemoryStateSnapshots<JourneyState>()
    const handle = handlerWith(legacy, snapshots)
    expect(await handle({ commandId: 'c-2', command: close('moved-away') })()).toMatchObject({
      _tag: 'Right',
    })
    expect(snapshots.size()).toBe(0)
  })
})
