import fc from 'fast-check'
import { isLeft } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { getEventStoreDBEventStore, getInMemoryEventStore } from '@parcours/adapters'
import { startEsdbStandIn } from '@parcours/adapters/testing'
import { journeyEventCodec, type EventStore, type JourneyEvent } from '@parcours/domain'
import { dashboardProjection } from '../dashboard/dashboardProjection.js'
import { queryDashboard } from '../dashboard/queryDashboard.js'
import { allProjections } from '../projections.js'
import { getInMemoryProjectionSink } from '../sink/inMemoryProjectionSink.js'
import type { ProjectionSink } from '../sink/projectionSink.js'
import { arbHistory } from '../testing/arbitraries.js'
import { appendAll } from '../testing/storeSupport.js'
import { createProjectionRunner } from './createProjectionRunner.js'
import { loadReadModel } from './readModels.js'

// A worker whose store was wiped or restored from an older backup: its checkpoint lies past the
// new log's end. Resuming from it would skip every event written since; it must say so, or rebuild.

const dashboard = async (sink: ProjectionSink) => {
  const rm = await loadReadModel(sink, dashboardProjection)()
  if (isLeft(rm)) throw new Error(rm.left.message)
  return queryDashboard(rm.right)
}

const catchUp = (
  store: EventStore<JourneyEvent>,
  sink: ProjectionSink,
  onStoreReplaced?: 'stop' | 'rebuild',
) =>
  createProjectionRunner({
    store,
    sink,
    projections: allProjections,
    ...(onStoreReplaced === undefined ? {} : { onStoreReplaced }),
  }).catchUp()()

describe('a projection worker whose store was replaced', () => {
  const [big, small] = fc.sample(arbHistory({ youths: 8, missionLocales: 2 }), { numRuns: 2, seed: 21 })
  if (big === undefined || small === undefined) throw new Error('no histories')

  it('on EventStoreDB, stops with StoreReplaced instead of skipping what the new store holds; rebuilds when told to', async () => {
    const first = await startEsdbStandIn()
    const sink = getInMemoryProjectionSink()
    const before = getEventStoreDBEventStore({
      connectionString: first.connectionString,
      codec: journeyEventCodec,
    })
    try {
      await appendAll(before, big.recorded)
      expect((await catchUp(before, sink))._tag).toBe('Right')
    } finally {
      await before.close()
      await first.stop()
    }
    // The same address, a fresh server holding a shorter history (a wipe, then new writes).
    const second = await startEsdbStandIn({ port: first.port })
    const after = getEventStoreDBEventStore({
      connectionString: second.connectionString,
      codec: journeyEventCodec,
    })
    const expected = getInMemoryProjectionSink()
    const reference = getInMemoryEventStore({ codec: journeyEventCodec })
    try {
      await appendAll(after, small.recorded.slice(0, 4))
      const stopped = await catchUp(after, sink)
      expect(stopped).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreReplaced', runner: 'default' } })
      expect(isLeft(stopped) ? stopped.left.message : '').toContain('lies past the end of the store')
      const rebuilt = await catchUp(after, sink, 'rebuild')
      expect(rebuilt).toMatchObject({ _tag: 'Right', right: { rebuilt: true, events: 4 } })
      await appendAll(reference, small.recorded.slice(0, 4))
      expect((await catchUp(reference, expected))._tag).toBe('Right')
      expect(await dashboard(sink)).toEqual(await dashboard(expected))
    } finally {
      await Promise.all([after.close(), reference.close()])
      await second.stop()
    }
  })

  it('on the same store, resumes as before: a checkpoint at the log end is not a replaced store', async () => {
    const store = getInMemoryEventStore({ codec: journeyEventCodec })
    const sink = getInMemoryProjectionSink()
    await appendAll(store, small.recorded)
    expect((await catchUp(store, sink))._tag).toBe('Right')
    const again = await catchUp(store, sink)
    expect(again).toMatchObject({ _tag: 'Right', right: { events: 0, rebuilt: false } })
    await store.close()
  })

  it('on an emptied in-memory store, a non-empty checkpoint is StoreReplaced with no last event', async () => {
    const sink = getInMemoryProjectionSink()
    const full = getInMemoryEventStore({ codec: journeyEventCodec })
    await appendAll(full, small.recorded)
    expect((await catchUp(full, sink))._tag).toBe('Right')
    const empty = getInMemoryEventStore({ codec: journeyEventCodec })
    expect(await catchUp(empty, sink)).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'StoreReplaced', logEnd: undefined },
    })
    await Promise.all([full.close(), empty.close()])
  })
})
