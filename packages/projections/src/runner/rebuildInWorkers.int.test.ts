import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { isLeft } from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getSqliteEventStore } from '@parcours/adapters'
import { journeyEventCodec } from '@parcours/domain'
import { docEntries } from '../model/docMap.js'
import { foldEvents } from '../model/projection.js'
import { allProjections } from '../projections.js'
import { getSqliteProjectionSink } from '../sink/sqliteProjectionSink.js'
import { arbHistory } from '../testing/arbitraries.js'
import { appendAll } from '../testing/storeSupport.js'
import { loadReadModel } from './readModels.js'
import type { rebuildInWorkers as RebuildInWorkers } from './rebuildInWorkers.js'

// Worker threads run built JavaScript: the rebuild is imported from the built dist.
const root = fileURLToPath(new URL('../../../../', import.meta.url))
let rebuildInWorkers: typeof RebuildInWorkers
let dir = ''

beforeAll(async () => {
  try {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/projections'],
      { cwd: root, stdio: 'ignore' },
    )
  } catch {
    // the emit happened or the import below fails
  }
  const built = (await import(join(root, 'packages/projections/dist/runner/rebuildInWorkers.js'))) as {
    rebuildInWorkers: typeof RebuildInWorkers
  }
  rebuildInWorkers = built.rebuildInWorkers
  dir = mkdtempSync(join(tmpdir(), 'parcours-workers-'))
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('rebuild in worker threads', () => {
  it.each(['missionLocales', 'streams'] as const)(
    'shares the journeys between workers by %s and builds what one fold builds',
    async (split) => {
      const [history] = fc.sample(arbHistory({ youths: 30, missionLocales: 5, steps: { min: 5, max: 20 } }), {
        numRuns: 1,
        seed: 15,
      })
      if (history === undefined) throw new Error('no sample')
      const storePath = join(dir, `events-${split}.db`)
      const sinkPath = join(dir, `projections-${split}.db`)
      const store = getSqliteEventStore({ path: storePath, codec: journeyEventCodec })
      await appendAll(store, history.recorded)
      await store.close()

      const r = await rebuildInWorkers({ storePath, sinkPath, workers: 2, rebuildBatchSize: 50, split })()
      if (isLeft(r)) throw new Error(r.left.message)
      expect(r.right.map((s) => s.shard)).toEqual([0, 1])
      for (const { stats } of r.right) expect(stats.checkpoint).toBe(BigInt(history.recorded.length))
      // Split by streams, each worker reads its own range only: together, the log once.
      if (split === 'streams')
        expect(r.right.reduce((n, s) => n + s.stats.events, 0)).toBe(history.recorded.length)

      const sink = getSqliteProjectionSink({ path: sinkPath })
      for (const p of allProjections) {
        const merged = await loadReadModel(sink, p)()
        if (isLeft(merged)) throw new Error(merged.left.message)
        expect(Object.fromEntries(docEntries(merged.right))).toEqual(
          Object.fromEntries(docEntries(foldEvents(p, history.recorded))),
        )
      }
      await sink.close()
    },
  )

  it('returns the error of a worker that cannot open its store, as a value', async () => {
    const r = await rebuildInWorkers({
      storePath: join(dir, 'missing', 'events.db'),
      sinkPath: join(dir, 'other.db'),
      workers: 2,
    })()
    expect(isLeft(r)).toBe(true)
  })
})
