import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeEventStoreConformance } from '@parcours/adapters/testing'
import { getSqliteEventStore } from './sqliteEventStore.js'

describeEventStoreConformance('SQLite', {
  create: async (codec) => {
    const dir = mkdtempSync(join(tmpdir(), 'parcours-sqlite-'))
    const store = getSqliteEventStore({ path: join(dir, 'events.db'), codec, pollIntervalMs: 20 })
    return {
      store,
      dispose: async () => {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },
  concurrentWriters: true,
  numRuns: 40,
})
