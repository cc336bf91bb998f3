// The adapters README's conformance suite, run on the in-memory store standing for yours.
import { getInMemoryEventStore as getMyEventStore } from '@parcours/adapters'
// #region readme
import { describeEventStoreConformance } from '@parcours/adapters/testing'

describeEventStoreConformance('my store', {
  create: async (codec) => {
    const store = getMyEventStore({ codec })
    return { store, dispose: () => store.close() }
  },
  concurrentWriters: true, // also require that racing writers met conflicts
  numRuns: 15, // runs of each fast-check property (default 15)
})
// #endregion readme
