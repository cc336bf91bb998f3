import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventStore, GlobalPosition, SubscriptionMessage } from '@parcours/domain'
import {
  itemAdded,
  startEsdbStandIn,
  testEventCodec,
  type CheckpointFault,
  type EsdbStandIn,
  type TestEvent,
} from '../testing/index.js'
import { getEventStoreDBEventStore } from './getEventStoreDBEventStore.js'

// Checkpoints of filtered subscriptions as real servers send them: page starts `(X, 0)`, and the
// wrong ones of KDB-744 (KurrentDB 25.0.0) and KDB-710 (24.10.0-24.10.4). Nothing may be lost,
// live or when resuming from a checkpoint a consumer stored.

type Message = SubscriptionMessage<TestEvent>

/** The messages of a subscription until `done` holds; fails after a bound, saying what it saw. */
const collect = async (
  store: EventStore<TestEvent>,
  from: 'start' | GlobalPosition,
  prefix: string,
  done: (seen: ReadonlyArray<Message>) => boolean,
  onCaughtUp: () => Promise<void> = async () => undefined,
  checkpointInterval?: number,
): Promise<ReadonlyArray<Message>> => {
  const seen: Array<Message> = []
  const subscription = store.subscribe({
    from,
    filter: { streamPrefixes: [prefix] },
    ...(checkpointInterval === undefined ? {} : { checkpointInterval }),
  })
  try {
    for await (const message of subscription) {
      seen.push(message)
      if (message._tag === 'CaughtUp') await onCaughtUp()
      if (done(seen)) return seen
    }
    throw new Error(`the subscription ended before its last event; it delivered ${describeAll(seen)}`)
  } finally {
    await subscription.close()
  }
}

const describeAll = (seen: ReadonlyArray<Message>): string =>
  seen.map((m) => (m._tag === 'Event' ? `Event(${m.event.id.slice(0, 8)})` : m._tag)).join(', ') || 'nothing'

const idsOf = (seen: ReadonlyArray<Message>): ReadonlyArray<string> =>
  seen.flatMap((m) => (m._tag === 'Event' ? [m.event.id] : []))

const has = (id: string) => (seen: ReadonlyArray<Message>) => idsOf(seen).includes(id)

/** Where a consumer resumes: the last event or checkpoint position it was given. */
const resumePoint = (seen: ReadonlyArray<Message>): 'start' | GlobalPosition => {
  let at: 'start' | GlobalPosition = 'start'
  for (const m of seen) {
    const p = m._tag === 'Event' ? m.event.position : m._tag === 'Checkpoint' ? m.position : undefined
    if (p !== undefined && (at === 'start' || p > at)) at = p
  }
  return at
}

describe('EventStoreDB adapter: checkpoints that cannot lose events', () => {
  let standIn: EsdbStandIn | undefined
  let store: EventStore<TestEvent> | undefined
  const open = async (checkpointFault?: CheckpointFault) => {
    standIn = await startEsdbStandIn(checkpointFault === undefined ? {} : { checkpointFault })
    store = getEventStoreDBEventStore({ connectionString: standIn.connectionString, codec: testEventCodec })
    return store
  }
  afterEach(async () => {
    await store?.close()
    await standIn?.stop()
  })
  const append = async (s: EventStore<TestEvent>, stream: string, count: number): Promise<string[]> => {
    const ids = Array.from({ length: count }, () => randomUUID())
    const r = await s.append(
      stream,
      'any',
      ids.map((id, i) => ({ id, event: itemAdded(`sku-${i}`) })),
    )()
    expect(r._tag).toBe('Right')
    return ids
  }

  it('KDB-744, (End, 0) at the end of the catch-up: the next live event is delivered', async () => {
    const s = await open('KDB-744')
    const prefix = `kdb744-live-${randomUUID().slice(0, 8)}-`
    const before = await append(s, `${prefix}a`, 2)
    let after: string[] = []
    const seen = await collect(
      s,
      'start',
      prefix,
      (m) => after.length > 0 && has(after.at(-1) ?? '')(m),
      async () => {
        after = await append(s, `${prefix}a`, 3)
      },
    )
    expect(idsOf(seen)).toEqual([...before, ...after])
  })

  it('KDB-744: resuming from the checkpoint a consumer stored delivers the next event', async () => {
    const s = await open('KDB-744')
    const prefix = `kdb744-resume-${randomUUID().slice(0, 8)}-`
    await append(s, `${prefix}a`, 2)
    const first = await collect(s, 'start', prefix, (m) => m.some((x) => x._tag === 'CaughtUp'))
    const later = await append(s, `${prefix}a`, 2)
    const resumed = await collect(s, resumePoint(first), prefix, has(later.at(-1) ?? ''))
    expect(idsOf(resumed)).toEqual(later)
  })

  it('KDB-744: a subscription dropped after (End, 0) resumes before End, and delivers the next event', async () => {
    const s = await open('KDB-744')
    const prefix = `kdb744-drop-${randomUUID().slice(0, 8)}-`
    const before = await append(s, `${prefix}a`, 1)
    let after: string[] = []
    const seen = await collect(
      s,
      'start',
      prefix,
      (m) => after.length > 0 && has(after.at(-1) ?? '')(m),
      async () => {
        const first = standIn
        if (first === undefined) throw new Error('no stand-in')
        await first.stop()
        standIn = await startEsdbStandIn({ port: first.port, data: first.data, checkpointFault: 'KDB-744' })
        const writer = getEventStoreDBEventStore({
          connectionString: standIn.connectionString,
          codec: testEventCodec,
        })
        after = await append(writer, `${prefix}a`, 2)
        await writer.close()
      },
    )
    expect(idsOf(seen)).toEqual([...before, ...after])
  })

  it('KDB-710, 2^64-1 on a log where nothing matches: every later live event is delivered', async () => {
    const s = await open('KDB-710')
    const prefix = `kdb710-live-${randomUUID().slice(0, 8)}-`
    let after: string[] = []
    const seen = await collect(
      s,
      'start',
      prefix,
      (m) => after.length > 0 && has(after.at(-1) ?? '')(m),
      async () => {
        after = await append(s, `${prefix}a`, 2)
      },
    )
    expect(idsOf(seen)).toEqual(after)
  })

  it('KDB-710: resuming from the checkpoint a consumer stored delivers every later event', async () => {
    const s = await open('KDB-710')
    const prefix = `kdb710-resume-${randomUUID().slice(0, 8)}-`
    const first = await collect(s, 'start', prefix, (m) => m.some((x) => x._tag === 'CaughtUp'))
    expect(resumePoint(first)).not.toBe(2n ** 64n - 1n)
    const later = await append(s, `${prefix}a`, 2)
    const resumed = await collect(s, resumePoint(first), prefix, has(later.at(-1) ?? ''))
    expect(idsOf(resumed)).toEqual(later)
  })

  it('page-start checkpoints (X, 0) among foreign events: from every checkpoint, every later event once', async () => {
    const s = await open()
    const prefix = `pages-${randomUUID().slice(0, 8)}-`
    const ours: string[] = []
    for (let i = 0; i < 6; i++) {
      await append(s, `other-${prefix}${i}`, 3)
      ours.push(...(await append(s, `${prefix}${i % 2}`, 1)))
    }
    await append(s, `other-${prefix}tail`, 5)
    const all = await collect(s, 'start', prefix, (m) => m.some((x) => x._tag === 'CaughtUp'), undefined, 2)
    expect(idsOf(all)).toEqual(ours)
    const checkpoints = all.flatMap((m) => (m._tag === 'Checkpoint' ? [m.position] : []))
    expect(checkpoints.length).toBeGreaterThan(0)
    const positions = all.flatMap((m) => (m._tag === 'Event' ? [m.event] : []))
    for (const checkpoint of checkpoints) {
      const expected = positions.filter((e) => e.position > checkpoint).map((e) => e.id)
      const resumed = await collect(s, checkpoint, prefix, (m) => m.some((x) => x._tag === 'CaughtUp'))
      expect(idsOf(resumed)).toEqual(expected)
    }
  })
})
