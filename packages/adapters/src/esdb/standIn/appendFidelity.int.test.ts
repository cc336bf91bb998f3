import { randomUUID } from 'node:crypto'
import {
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  WrongExpectedVersionError,
} from '@eventstore/db-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  appendPaths,
  connect,
  events,
  readAllOf,
  rejection,
  uniqueStream,
  type Connected,
} from './fidelityFixtures.js'

// The stand-in as the real client sees it: appends (ESDB-PROTOCOL.md, "Append", "Server semantics").
describe.each(appendPaths)('stand-in fidelity: append ($path)', ({ batchAppend }) => {
  let c: Connected
  beforeAll(async () => {
    c = await connect({ batchAppend })
  })
  afterAll(async () => {
    await c.close()
  })

  it('answers with the last revision and a $all position that rises unevenly, like byte offsets', async () => {
    const stream = uniqueStream('positions')
    const positions: Array<bigint> = []
    for (let i = 0; i < 4; i++) {
      const data = { padding: 'x'.repeat(i * 7) }
      const result = await c.client.appendToStream(stream, jsonEvent({ type: 'Padded', data }))
      expect(result.nextExpectedRevision).toBe(BigInt(i))
      positions.push(result.position?.commit ?? -1n)
    }
    const steps = positions.slice(1).map((p, i) => p - (positions[i] ?? 0n))
    expect(steps.every((s) => s > 1n)).toBe(true)
    expect(new Set(steps).size).toBeGreaterThan(1)
  })

  it('a wrong expected revision is a WrongExpectedVersionError carrying the actual version', async () => {
    const stream = uniqueStream('wev')
    await c.client.appendToStream(stream, events(2), { expectedRevision: NO_STREAM })
    const stale = await rejection(c.client.appendToStream(stream, events(1), { expectedRevision: 0n }))
    expect(stale).toBeInstanceOf(WrongExpectedVersionError)
    expect(stale).toMatchObject({ streamName: stream, expectedVersion: 0n, actualVersion: 1n })
    const noStream = await rejection(
      c.client.appendToStream(stream, events(1), { expectedRevision: NO_STREAM }),
    )
    expect(noStream).toMatchObject({ expectedVersion: 'no_stream', actualVersion: 1n })
    const missing = await rejection(
      c.client.appendToStream(uniqueStream('missing'), events(1), { expectedRevision: STREAM_EXISTS }),
    )
    expect(missing).toBeInstanceOf(WrongExpectedVersionError)
    expect(missing).toMatchObject({ expectedVersion: 'stream_exists', actualVersion: 'no_stream' })
  })

  it('re-appending the same ids is idempotent: the first result again, nothing written', async () => {
    const stream = uniqueStream('idempotent')
    const batch = events(3)
    const first = await c.client.appendToStream(stream, batch, { expectedRevision: NO_STREAM })
    await c.client.appendToStream(stream, events(1))
    const again = await c.client.appendToStream(stream, batch, { expectedRevision: NO_STREAM })
    expect(again).toEqual(first)
    const exact = await c.client.appendToStream(stream, batch.slice(1), { expectedRevision: 0n })
    expect(exact.nextExpectedRevision).toBe(2n)
    expect(exact.position).toEqual(first.position)
    expect(await readAllOf(c.client.readStream(stream))).toHaveLength(4)
    const differs = await rejection(
      c.client.appendToStream(stream, events(3), { expectedRevision: NO_STREAM }),
    )
    expect(differs).toBeInstanceOf(WrongExpectedVersionError)
  })

  it('with any, a batch that repeats only part of an earlier write is a conflict, not a duplicate', async () => {
    const stream = uniqueStream('partial')
    const batch = events(2)
    const first = await c.client.appendToStream(stream, batch)
    expect(await c.client.appendToStream(stream, batch)).toEqual(first)
    const [head] = batch
    if (head === undefined) throw new Error('no event')
    const partial = await rejection(c.client.appendToStream(stream, [head, ...events(1)]))
    expect(partial).toBeInstanceOf(WrongExpectedVersionError)
    expect(await readAllOf(c.client.readStream(stream))).toHaveLength(2)
  })

  it('keeps event ids, types, JSON data and custom metadata as written', async () => {
    const stream = uniqueStream('roundtrip')
    const id = randomUUID()
    await c.client.appendToStream(
      stream,
      jsonEvent({ id, type: 'Kept', data: { a: [1, 2] }, metadata: { schemaVersion: 2 } }),
    )
    const [read] = await readAllOf(c.client.readStream(stream))
    expect(read?.event).toMatchObject({
      id,
      type: 'Kept',
      data: { a: [1, 2] },
      metadata: { schemaVersion: 2 },
      isJson: true,
      streamId: stream,
    })
    expect(Math.abs((read?.event?.created.getTime() ?? 0) - Date.now())).toBeLessThan(60_000)
  })

  it('appending to a tombstoned stream is a StreamDeletedError naming the stream', async () => {
    const stream = uniqueStream('tombstoned')
    await c.client.appendToStream(stream, events(1))
    await c.client.tombstoneStream(stream)
    const error = await rejection(c.client.appendToStream(stream, events(1)))
    expect(error).toBeInstanceOf(StreamDeletedError)
    expect(error).toMatchObject({ streamName: stream })
  })
})
