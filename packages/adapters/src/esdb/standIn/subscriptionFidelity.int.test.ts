import {
  END,
  eventTypeFilter,
  START,
  streamNameFilter,
  type ResolvedEvent,
  type StreamSubscription,
} from '@eventstore/db-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, events, uniqueStream, type Connected } from './fidelityFixtures.js'

// The stand-in as the real client sees it: subscriptions (ESDB-PROTOCOL.md, "Subscriptions").

type Step = 'confirmation' | 'caughtUp' | `event:${string}`

/** Records what a subscription emits, in order, until `done`; then unsubscribes. */
const timeline = (
  subscription: { on: StreamSubscription['on']; unsubscribe: () => Promise<void> },
  done: (steps: ReadonlyArray<Step>) => boolean,
): Promise<ReadonlyArray<Step>> =>
  new Promise((resolve, reject) => {
    const steps: Array<Step> = []
    const push = (step: Step) => {
      steps.push(step)
      if (done(steps)) {
        void subscription.unsubscribe().then(() => resolve(steps))
      }
    }
    subscription.on('confirmation', () => push('confirmation'))
    subscription.on('caughtUp', () => push('caughtUp'))
    subscription.on('data', (e: ResolvedEvent) => push(`event:${e.event?.id ?? ''}`))
    subscription.on('error', reject)
  })

/** Resolves on the subscription's first `caughtUp`. */
const signalled = (subscription: { on: StreamSubscription['on'] }, event: 'caughtUp'): Promise<void> =>
  new Promise((resolve) => {
    subscription.on(event, () => resolve())
  })

describe('stand-in fidelity: subscriptions', () => {
  let c: Connected
  beforeAll(async () => {
    c = await connect()
  })
  afterAll(async () => {
    await c.close()
  })

  it('sends confirmation, the catch-up events, caught_up, then live events', async () => {
    const stream = uniqueStream('order')
    const before = events(3)
    await c.client.appendToStream(stream, before)
    const live = events(2)
    const subscription = c.client.subscribeToStream(stream, { fromRevision: START })
    const caughtUp = signalled(subscription, 'caughtUp')
    const steps = timeline(subscription, (s) => s.length === 7)
    await caughtUp // the appends below are live, not part of the catch-up
    await c.client.appendToStream(stream, live)
    expect(await steps).toEqual([
      'confirmation',
      ...before.map((e) => `event:${e.id}`),
      'caughtUp',
      ...live.map((e) => `event:${e.id}`),
    ])
  })

  it('starts strictly after the given revision or position; from the end it is caught up at once', async () => {
    const stream = uniqueStream('exclusive')
    const batch = events(4)
    const { position } = await c.client.appendToStream(stream, batch.slice(0, 2))
    await c.client.appendToStream(stream, batch.slice(2))
    const fromRevision = await timeline(c.client.subscribeToStream(stream, { fromRevision: 1n }), (s) =>
      s.includes('caughtUp'),
    )
    expect(fromRevision).toEqual(['confirmation', ...batch.slice(2).map((e) => `event:${e.id}`), 'caughtUp'])
    if (position === undefined) throw new Error('no position')
    const fromPosition = await timeline(
      c.client.subscribeToAll({ fromPosition: position, filter: streamNameFilter({ prefixes: [stream] }) }),
      (s) => s.includes('caughtUp'),
    )
    expect(fromPosition.filter((s) => s.startsWith('event:'))).toEqual(
      batch.slice(2).map((e) => `event:${e.id}`),
    )
    const fromEnd = await timeline(c.client.subscribeToStream(stream, { fromRevision: END }), (s) =>
      s.includes('caughtUp'),
    )
    expect(fromEnd).toEqual(['confirmation', 'caughtUp'])
  })

  it('a filtered $all subscription sends checkpoints, at positions past the events already sent', async () => {
    const stream = uniqueStream('checkpoints')
    await c.client.appendToStream(stream, events(6))
    const reached: Array<bigint> = []
    const seen: Array<bigint> = []
    const filter = streamNameFilter({
      prefixes: [stream],
      maxSearchWindow: 2,
      checkpointInterval: 1,
      checkpointReached: (_subscription, position) => {
        reached.push(position.commit)
        expect(seen.every((p) => p <= position.commit)).toBe(true)
      },
    })
    const subscription = c.client.subscribeToAll({ fromPosition: START, filter })
    subscription.on('data', (e: ResolvedEvent) => seen.push(e.event?.position?.commit ?? -1n))
    await timeline(subscription, (s) => s.includes('caughtUp'))
    expect(reached.length).toBeGreaterThanOrEqual(1)
    expect(seen).toHaveLength(6)
  })

  it('filters $all by event type and keeps system events out with a regex', async () => {
    const stream = uniqueStream('types')
    await c.client.appendToStream(stream, [...events(2, 'Kept'), ...events(2, 'Dropped')])
    const got: Array<ResolvedEvent> = []
    const subscription = c.client.subscribeToAll({
      fromPosition: START,
      filter: eventTypeFilter({ regex: '^[^$].*' }),
    })
    subscription.on('data', (e: ResolvedEvent) => got.push(e))
    await timeline(subscription, (s) => s.includes('caughtUp'))
    expect(got.some((e) => e.event?.type.startsWith('$') === true)).toBe(false)
    expect(got.filter((e) => e.event?.streamId === stream).map((e) => e.event?.type)).toEqual([
      'Kept',
      'Kept',
      'Dropped',
      'Dropped',
    ])
    const kept: Array<ResolvedEvent> = []
    const onlyKept = c.client.subscribeToAll({
      fromPosition: START,
      filter: eventTypeFilter({ prefixes: ['Kept'] }),
    })
    onlyKept.on('data', (e: ResolvedEvent) => kept.push(e))
    await timeline(onlyKept, (s) => s.includes('caughtUp'))
    expect(kept.map((e) => e.event?.type)).toEqual(['Kept', 'Kept'])
  })

  it('the live tail has no gap and no repeat while writers race the catch-up', async () => {
    const stream = uniqueStream('tail')
    const written = events(200)
    await c.client.appendToStream(stream, written.slice(0, 100))
    const subscription = c.client.subscribeToStream(stream, { fromRevision: START })
    const steps = timeline(subscription, (s) => s.filter((x) => x.startsWith('event:')).length === 200)
    for (const e of written.slice(100)) await c.client.appendToStream(stream, e)
    expect((await steps).filter((x) => x.startsWith('event:'))).toEqual(written.map((e) => `event:${e.id}`))
  })

  it('unsubscribing cancels the call: nothing more arrives', async () => {
    const stream = uniqueStream('cancel')
    await c.client.appendToStream(stream, events(1))
    const subscription = c.client.subscribeToStream(stream, { fromRevision: START })
    const after: Array<ResolvedEvent> = []
    await timeline(subscription, (s) => s.includes('caughtUp'))
    subscription.on('data', (e: ResolvedEvent) => after.push(e))
    // A witness subscribed before the appends: once their events reached it live, the server has
    // sent them to every subscription it still serves (each is woken by the same write, the
    // cancelled one first).
    const witness = c.client.subscribeToStream(stream, { fromRevision: END })
    const witnessCaughtUp = signalled(witness, 'caughtUp')
    const later = events(2)
    const witnessed = timeline(witness, (s) => s.filter((x) => x.startsWith('event:')).length === 2)
    await witnessCaughtUp
    await c.client.appendToStream(stream, later)
    expect((await witnessed).filter((x) => x.startsWith('event:'))).toEqual(later.map((e) => `event:${e.id}`))
    expect(after).toEqual([])
  })
})
