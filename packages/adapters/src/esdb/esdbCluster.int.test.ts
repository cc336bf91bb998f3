import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventStore, SubscriptionMessage } from '@parcours/domain'
import {
  itemAdded,
  startEsdbStandInCluster,
  testEventCodec,
  type EsdbStandInCluster,
  type TestEvent,
} from '../testing/index.js'
import { getEventStoreDBEventStore } from './getEventStoreDBEventStore.js'
import { appendPaths } from './standIn/fidelityFixtures.js'

// A three-node cluster of stand-ins sharing one log: the client finds the leader by gossip from a
// multi-node connection string, followers answer writes with not-leader and the leader's address,
// and the leader changes under the tests' feet.

const batch = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: randomUUID(), event: itemAdded(`sku-${i}`) }))

describe.each(appendPaths)('EventStoreDB adapter on a cluster ($path)', ({ batchAppend }) => {
  let cluster: EsdbStandInCluster | undefined
  const stores: Array<EventStore<TestEvent>> = []
  const open = async (connectionString?: (c: EsdbStandInCluster) => string) => {
    cluster = await startEsdbStandInCluster({ nodes: 3, batchAppend })
    const store = getEventStoreDBEventStore({
      connectionString: connectionString?.(cluster) ?? cluster.connectionString,
      codec: testEventCodec,
    })
    stores.push(store)
    return { cluster, store }
  }
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()))
    await cluster?.stop()
  })

  it('writes and reads through a multi-node connection string, before and after a leader change', async () => {
    const { cluster, store } = await open()
    expect(cluster.connectionString).toMatch(
      /^esdb:\/\/127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+\?tls=false$/,
    )
    const stream = `cluster-${randomUUID()}`
    const first = batch(2)
    expect(await store.append(stream, 'no-stream', first)()).toMatchObject({
      _tag: 'Right',
      right: { nextExpectedRevision: 1n },
    })
    expect(cluster.notLeaderAnswers()).toBe(0)
    cluster.electLeader(2)
    // The client's channel is still on node 0, now a follower: Append is told where the leader is
    // (not-leader); BatchAppend's open call was ended by the election, so the client rediscovers.
    const second = batch(2)
    expect(await store.append(stream, 1n, second)()).toMatchObject({
      _tag: 'Right',
      right: { nextExpectedRevision: 3n },
    })
    if (!batchAppend) expect(cluster.notLeaderAnswers()).toBeGreaterThan(0)
    const read = await store.readStream(stream)()
    expect(read._tag === 'Right' ? read.right.map((e) => e.id) : read).toEqual(
      [...first, ...second].map((e) => e.id),
    )
  })

  it('a write sent straight to a follower is redirected to the leader, once', async () => {
    const { cluster, store } = await open((c) => `esdb://127.0.0.1:${c.ports[1] ?? 0}?tls=false`)
    const stream = `follower-${randomUUID()}`
    const events = batch(3)
    expect(await store.append(stream, 'no-stream', events)()).toMatchObject({
      _tag: 'Right',
      right: { nextExpectedRevision: 2n },
    })
    expect(cluster.notLeaderAnswers()).toBe(1)
    const read = await store.readStream(stream)()
    expect(read._tag === 'Right' ? read.right.map((e) => e.id) : read).toEqual(events.map((e) => e.id))
  })

  it('a live subscription delivers every event once, in order, across two leader changes', async () => {
    const { cluster, store } = await open()
    const prefix = `live-${randomUUID().slice(0, 8)}-`
    const written: string[] = []
    const write = async (stream: string, count: number) => {
      const events = batch(count)
      const r = await store.append(`${prefix}${stream}`, 'any', events)()
      if (r._tag === 'Left') throw new Error(`append failed: ${r.left._tag}`)
      written.push(...events.map((e) => e.id))
    }
    await write('a', 3)
    const seen: Array<SubscriptionMessage<TestEvent>> = []
    const subscription = store.subscribe({ from: 'start', filter: { streamPrefixes: [prefix] } })
    let step = 0
    try {
      for await (const message of subscription) {
        seen.push(message)
        const delivered = seen.filter((m) => m._tag === 'Event').length
        if (message._tag === 'CaughtUp' && step === 0) {
          step = 1
          cluster.electLeader(1)
          await write('b', 2)
        } else if (step === 1 && delivered === 5) {
          step = 2
          cluster.electLeader(2)
          await write('a', 2)
          await write('c', 1)
        }
        if (delivered === 8) break
      }
    } finally {
      await subscription.close()
    }
    expect(seen.flatMap((m) => (m._tag === 'Event' ? [m.event.id] : []))).toEqual(written)
    expect(seen.some((m) => m._tag === 'Failed')).toBe(false)
    expect(cluster.leader()).toBe(2)
  })
})
