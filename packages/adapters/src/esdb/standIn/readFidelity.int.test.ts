import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  START,
  StreamNotFoundError,
} from '@eventstore/db-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, events, readAllOf, rejection, uniqueStream, type Connected } from './fidelityFixtures.js'

// The stand-in as the real client sees it: reads of a stream and of $all (ESDB-PROTOCOL.md, "Read").
describe('stand-in fidelity: read', () => {
  let c: Connected
  beforeAll(async () => {
    c = await connect()
  })
  afterAll(async () => {
    await c.close()
  })

  const fiveEvents = async () => {
    const stream = uniqueStream('read')
    const batch = events(5)
    await c.client.appendToStream(stream, batch)
    return { stream, ids: batch.map((e) => e.id) }
  }
  const idsOf = (read: ReadonlyArray<{ readonly event?: { readonly id: string } | undefined }>) =>
    read.map((e) => e.event?.id)

  it('a missing stream is a StreamNotFoundError', async () => {
    expect(await rejection(readAllOf(c.client.readStream(uniqueStream('missing'))))).toBeInstanceOf(
      StreamNotFoundError,
    )
  })

  it('reads a stream from a revision, inclusive in both directions, with a count', async () => {
    const { stream, ids } = await fiveEvents()
    expect(idsOf(await readAllOf(c.client.readStream(stream, { fromRevision: 2n })))).toEqual(ids.slice(2))
    expect(
      idsOf(await readAllOf(c.client.readStream(stream, { fromRevision: 2n, direction: BACKWARDS }))),
    ).toEqual(ids.slice(0, 3).reverse())
    expect(
      idsOf(
        await readAllOf(
          c.client.readStream(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 2 }),
        ),
      ),
    ).toEqual(ids.slice(3).reverse())
    expect(idsOf(await readAllOf(c.client.readStream(stream, { fromRevision: START, maxCount: 2 })))).toEqual(
      ids.slice(0, 2),
    )
  })

  it('reads $all from a position: inclusive forwards, exclusive backwards', async () => {
    const { stream, ids } = await fiveEvents()
    const mine = (read: Awaited<ReturnType<typeof readAllOf>>) =>
      read.filter((e) => e.event?.streamId === stream)
    const all = mine(await readAllOf(c.client.readAll({ fromPosition: START, direction: FORWARDS })))
    expect(idsOf(all)).toEqual(ids)
    const third = all[2]?.event?.position
    if (third === undefined) throw new Error('no position')
    expect(idsOf(mine(await readAllOf(c.client.readAll({ fromPosition: third }))))).toEqual(ids.slice(2))
    expect(
      idsOf(mine(await readAllOf(c.client.readAll({ fromPosition: third, direction: BACKWARDS })))),
    ).toEqual(ids.slice(0, 2).reverse())
    const lastTwo = await readAllOf(
      c.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 2 }),
    )
    expect(idsOf(lastTwo)).toEqual(ids.slice(3).reverse())
  })

  it('$all holds system events, as a real server does', async () => {
    const all = await readAllOf(c.client.readAll({ fromPosition: START }))
    expect(all.some((e) => e.event?.type.startsWith('$') === true)).toBe(true)
    const positions = all.map((e) => e.event?.position?.commit ?? -1n)
    expect(positions.every((p, i) => i === 0 || p > (positions[i - 1] ?? p))).toBe(true)
  })

  it('storedBytes() holds every byte written, for scans of what the store keeps', async () => {
    const marker = `marker-${uniqueStream('bytes')}`
    expect(c.standIn.storedBytes().includes(marker)).toBe(false)
    await c.client.appendToStream(uniqueStream('bytes'), jsonEvent({ type: 'Marked', data: { marker } }))
    expect(c.standIn.storedBytes().includes(marker)).toBe(true)
  })

  it('answers esdb+discover:// connection strings through gossip, naming itself leader', async () => {
    const discovered = EventStoreDBClient.connectionString(
      `esdb+discover://127.0.0.1:${c.standIn.port}?tls=false`,
    )
    try {
      const stream = uniqueStream('discover')
      await discovered.appendToStream(stream, events(1))
      expect(await readAllOf(discovered.readStream(stream))).toHaveLength(1)
    } finally {
      await discovered.dispose()
    }
  })

  it('$maxCount and $maxAge in the stream metadata truncate what stream reads return; $all keeps the events', async () => {
    const { stream, ids } = await fiveEvents()
    await c.client.setStreamMetadata(stream, { maxCount: 2 })
    expect(idsOf(await readAllOf(c.client.readStream(stream)))).toEqual(ids.slice(3))
    expect(
      idsOf(await readAllOf(c.client.readStream(stream, { direction: BACKWARDS, fromRevision: END }))),
    ).toEqual(ids.slice(3).reverse())
    const aged = await fiveEvents()
    // Two of its events were written an hour ago (the record's `created` ticks say when).
    const hourAgo = BigInt(Date.now() - 3_600_000) * 10_000n
    for (let i = 0; i < c.standIn.data.records.length; i++) {
      const record = c.standIn.data.records[i]
      if (record !== undefined && record.streamName === aged.stream && record.revision < 2n)
        c.standIn.data.records[i] = { ...record, created: hourAgo }
    }
    await c.client.setStreamMetadata(aged.stream, { maxAge: 60 })
    expect(idsOf(await readAllOf(c.client.readStream(aged.stream)))).toEqual(aged.ids.slice(2))
    const inAll = (await readAllOf(c.client.readAll())).filter((e) => e.event?.streamId === aged.stream)
    expect(idsOf(inAll)).toEqual(aged.ids)
  })
})
