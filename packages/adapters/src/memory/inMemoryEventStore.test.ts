import { describeEventStoreConformance } from '@parcours/adapters/testing'
import { getInMemoryEventStore } from './inMemoryEventStore.js'

describeEventStoreConformance('in-memory', {
  create: async (codec) => {
    const store = getInMemoryEventStore({ codec })
    return { store, dispose: () => store.close() }
  },
  concurrentWriters: true,
  numRuns: 60,
})
