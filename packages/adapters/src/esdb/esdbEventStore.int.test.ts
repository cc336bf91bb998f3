import { describe } from 'vitest'
import { describeEventStoreConformance, startEsdbStandIn } from '../testing/index.js'
import { getEventStoreDBEventStore } from './getEventStoreDBEventStore.js'
import { appendPaths } from './standIn/fidelityFixtures.js'

// The whole conformance suite on the adapter: against the stand-in (each store the suite asks for
// gets its own stand-in, as each in-memory store has its own log), and against a real server when
// one is given.
// Over both append paths of the client: BatchAppend (what a 24.10+ server offers, so what
// production takes) and plain Append (older servers).
for (const { path, batchAppend } of appendPaths) {
  describeEventStoreConformance(`EventStoreDB (stand-in, ${path})`, {
    create: async (codec) => {
      const standIn = await startEsdbStandIn({ batchAppend })
      const store = getEventStoreDBEventStore({ connectionString: standIn.connectionString, codec })
      return {
        store,
        dispose: async () => {
          await store.close()
          await standIn.stop()
        },
      }
    },
    concurrentWriters: true,
  })
}

const url = process.env['ESDB_CONNECTION_STRING']
const realServer = url
  ? 'EventStoreDB adapter on the real server of ESDB_CONNECTION_STRING'
  : 'EventStoreDB adapter on a real server (skipped: set ESDB_CONNECTION_STRING=esdb://host:2113?tls=false to run against a real EventStoreDB)'
describe.skipIf(!url)(realServer, () => {
  describeEventStoreConformance('EventStoreDB (real server)', {
    create: async (codec) => {
      const store = getEventStoreDBEventStore({ connectionString: url ?? '', codec })
      return { store, dispose: () => store.close() }
    },
    concurrentWriters: true,
  })
})
