import {
  NO_STREAM,
  START,
  StreamDeletedError,
  StreamNotFoundError,
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

// The stand-in as the real client sees it: soft delete, tombstone, stream metadata
// (ESDB-PROTOCOL.md, "Delete / Tombstone", "Stream metadata").
describe.each(appendPaths)('stand-in fidelity: delete, tombstone and metadata ($path)', ({ batchAppend }) => {
  let c: Connected
  beforeAll(async () => {
    c = await connect({ batchAppend })
  })
  afterAll(async () => {
    await c.close()
  })

  it('a soft-deleted stream reads as not found, keeps its events in $all, and continues its revisions', async () => {
    const stream = uniqueStream('soft')
    const batch = events(2)
    await c.client.appendToStream(stream, batch)
    await c.client.deleteStream(stream, { expectedRevision: 1n })
    expect(await rejection(readAllOf(c.client.readStream(stream)))).toBeInstanceOf(StreamNotFoundError)
    const inAll = (await readAllOf(c.client.readAll({ fromPosition: START }))).filter(
      (e) => e.event?.streamId === stream,
    )
    expect(inAll.map((e) => e.event?.id)).toEqual(batch.map((e) => e.id))
    const again = await c.client.appendToStream(stream, events(1), { expectedRevision: NO_STREAM })
    expect(again.nextExpectedRevision).toBe(2n)
    expect((await readAllOf(c.client.readStream(stream))).map((e) => e.event?.revision)).toEqual([2n])
  })

  it('a delete with a wrong expected revision is a WrongExpectedVersionError from the trailers', async () => {
    const stream = uniqueStream('delete-wev')
    await c.client.appendToStream(stream, events(3))
    const error = await rejection(c.client.deleteStream(stream, { expectedRevision: 0n }))
    expect(error).toBeInstanceOf(WrongExpectedVersionError)
    expect(error).toMatchObject({ streamName: stream, expectedVersion: 0n, actualVersion: 2n })
    expect(await rejection(c.client.deleteStream(uniqueStream('never')))).toBeInstanceOf(
      WrongExpectedVersionError,
    )
  })

  it('a tombstoned stream refuses everything with StreamDeletedError', async () => {
    const stream = uniqueStream('hard')
    await c.client.appendToStream(stream, events(2))
    const { position } = await c.client.tombstoneStream(stream, { expectedRevision: 1n })
    expect(position?.commit).toBeGreaterThan(0n)
    expect(await rejection(readAllOf(c.client.readStream(stream)))).toBeInstanceOf(StreamDeletedError)
    expect(await rejection(c.client.appendToStream(stream, events(1)))).toBeInstanceOf(StreamDeletedError)
    expect(await rejection(c.client.deleteStream(stream))).toBeInstanceOf(StreamDeletedError)
    expect(await rejection(c.client.tombstoneStream(stream))).toBeInstanceOf(StreamDeletedError)
    const deleted = (await readAllOf(c.client.readAll({ fromPosition: START }))).filter(
      (e) => e.event?.streamId === stream,
    )
    expect(deleted.at(-1)?.event?.type).toBe('$streamDeleted')
  })

  it('stream metadata goes through the $$ stream', async () => {
    const stream = uniqueStream('meta')
    await c.client.appendToStream(stream, events(1))
    await c.client.setStreamMetadata(stream, { maxCount: 10, custom: 'kept' })
    const { metadata } = await c.client.getStreamMetadata(stream)
    expect(metadata).toMatchObject({ maxCount: 10, custom: 'kept' })
    const raw = await readAllOf(c.client.readStream(`$$${stream}`))
    expect(raw.map((e) => e.event?.type)).toEqual(['$metadata'])
  })

  it('a no_stream delete of a stream that holds only metadata succeeds; of a stream never written, it fails', async () => {
    const stream = uniqueStream('metaonly')
    await c.client.setStreamMetadata(stream, { maxCount: 10 })
    const deleted = await c.client.deleteStream(stream, { expectedRevision: NO_STREAM })
    expect(deleted.position).toBeDefined()
    expect(
      await rejection(c.client.deleteStream(uniqueStream('never'), { expectedRevision: NO_STREAM })),
    ).toBeInstanceOf(WrongExpectedVersionError)
  })
})
