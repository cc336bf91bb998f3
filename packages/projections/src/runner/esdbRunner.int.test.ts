import fc from 'fast-check'
import { isLeft } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { getEventStoreDBEventStore, getInMemoryEventStore } from '@parcours/adapters'
import { startEsdbStandIn } from '@parcours/adapters/testing'
import { journeyEventCodec } from '@parcours/domain'
import { dashboardProjection } from '../dashboard/dashboardProjection.js'
import { queryDashboard } from '../dashboard/queryDashboard.js'
import { allProjections } from '../projections.js'
import { getInMemoryProjectionSink } from '../sink/inMemoryProjectionSink.js'
import { arbHistory } from '../testing/arbitraries.js'
import { appendAll } from '../testing/storeSupport.js'
import { createProjectionRunner } from './createProjectionRunner.js'
import { loadReadModel } from './readModels.js'

const dashboardOf = async (store: Parameters<typeof createProjectionRunner>[0]['store']) => {
  const sink = getInMemoryProjectionSink()
  const r = await createProjectionRunner({
    store,
    sink,
    projections: allProjections,
    batchSize: 25,
  }).catchUp()()
  if (isLeft(r)) throw new Error(r.left.message)
  const rm = await loadReadModel(sink, dashboardProjection)()
  if (isLeft(rm)) throw new Error(rm.left.message)
  return queryDashboard(rm.right)
}

describe('projections on EventStoreDB (the protocol stand-in)', () => {
  it('build the same dashboard as on the in-memory store', async () => {
    const histories = fc.sample(arbHistory({ youths: 10, missionLocales: 3 }), { numRuns: 2, seed: 7 })
    for (const h of histories) {
      const standIn = await startEsdbStandIn()
      const esdb = getEventStoreDBEventStore({
        connectionString: standIn.connectionString,
        codec: journeyEventCodec,
      })
      const memory = getInMemoryEventStore({ codec: journeyEventCodec })
      try {
        await appendAll(esdb, h.recorded)
        await appendAll(memory, h.recorded)
        expect(await dashboardOf(esdb)).toEqual(await dashboardOf(memory))
      } finally {
        await Promise.all([esdb.close(), memory.close()])
        await standIn.stop()
      }
    }
  })
})
