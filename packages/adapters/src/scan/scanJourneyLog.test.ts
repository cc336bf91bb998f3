import { left, right } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  type DecodeFailed,
  type EventStore,
  type JourneyEvent,
  type ReadAllOptions,
  journeyEventCodec,
} from '@parcours/domain'
import { journeyFixture } from '@parcours/domain/testing'
import { getInMemoryEventStore } from '../memory/index.js'
import { scanJourneyLog } from './scanJourneyLog.js'

const SPACING = 100n

// A store whose positions are `spacing` apart and that refuses reads from a position where no
// event starts, as EventStoreDB does; `badAt` lists stored positions whose events fail to decode.
const spaced = (
  inner: EventStore<JourneyEvent>,
  badAt: ReadonlyArray<bigint> = [],
  spacing = SPACING,
): EventStore<JourneyEvent> => ({
  ...inner,
  readAll:
    (options: ReadAllOptions = {}) =>
    async () => {
      const from = options.fromPosition
      if (from !== undefined && (from % spacing !== 0n || from === 0n))
        return left({ _tag: 'StoreUnavailable', message: `invalid position ${from}` })
      const r = await inner.readAll({
        ...options,
        ...(from === undefined ? {} : { fromPosition: from / spacing }),
      })()
      if (r._tag === 'Left') return r
      const out = r.right.map((e) => ({ ...e, position: e.position * spacing }))
      const broken = out.find((e) => badAt.includes(e.position))
      if (broken === undefined) return right(out)
      const failure: DecodeFailed = {
        _tag: 'DecodeFailed',
        streamName: broken.streamName,
        revision: broken.revision,
        position: broken.position,
        eventType: broken.event.type,
        reason: 'test',
        paths: [],
      }
      return left(failure)
    },
})

const storeWith = async (youths: number) => {
  const store = getInMemoryEventStore({ codec: journeyEventCodec })
  for (let i = 0; i < youths; i++) {
    const j = journeyFixture(`y-${i}`, 'ml-1')
    const events = j.history(
      j.command('RegisterYouth', '2025-01-01', {
        counsellorId: 'c-1',
        birthDate: '2005-06-01',
        rqth: false,
        personalData: null,
      }),
    )
    const r = await store.append(
      `journey-y-${i}`,
      'no-stream',
      events.map((event, k) => ({
        id: `00000000-0000-4000-8000-${String(i * 10 + k).padStart(12, '0')}`,
        event,
      })),
    )()
    expect(r._tag).toBe('Right')
  }
  return store
}

describe('scanJourneyLog', () => {
  it('pages from positions the store gave, so it runs where positions are far apart', async () => {
    const inner = await storeWith(7)
    const all = await inner.readAll()()
    const total = all._tag === 'Right' ? all.right.length : -1
    for (const pageSize of [1, 2, 3, 50]) {
      const seen: bigint[] = []
      const scan = await scanJourneyLog(spaced(inner), (e) => seen.push(e.position), pageSize)()
      expect(scan).toEqual({ _tag: 'Right', right: { events: total, bad: [] } })
      expect(seen).toEqual(Array.from({ length: total }, (_, i) => BigInt(i + 1) * SPACING))
    }
  })

  it('collects events that fail to decode and takes every other one, once and in order', async () => {
    const inner = await storeWith(4)
    for (const pageSize of [1, 2, 50]) {
      const seen: bigint[] = []
      const scan = await scanJourneyLog(
        spaced(inner, [3n, 4n, 7n], 1n),
        (e) => seen.push(e.position),
        pageSize,
      )()
      if (scan._tag === 'Left') expect.unreachable(scan.left._tag)
      expect(scan.right.bad.map((b) => b.position)).toEqual([3n, 4n, 7n])
      expect(scan.right.events).toBe(5)
      expect(seen).toEqual([1n, 2n, 5n, 6n, 8n])
    }
  })

  it('ends with the store error where the store refuses to read past an undecodable event', async () => {
    const seen: bigint[] = []
    const scan = await scanJourneyLog(
      spaced(await storeWith(4), [3n * SPACING]),
      (e) => seen.push(e.position),
      2,
    )()
    expect(scan).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } })
    expect(seen).toEqual([1n, 2n].map((p) => p * SPACING))
  })
})
