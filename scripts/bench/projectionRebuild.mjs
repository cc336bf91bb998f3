// Rebuild throughput of the projections (dashboard, worklists, timelines) in events/s, from the
// in-memory store and from SQLite, for a generated history: the median of a few rounds.
// Imports the built dist (`npx tsc -b packages/projections` first). Prints one JSON object.
// Usage: node scripts/bench/projectionRebuild.mjs [youths=1500] [rounds=3]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { getInMemoryEventStore, getSqliteEventStore } from '../../packages/adapters/dist/index.js'
import { journeyEventCodec } from '../../packages/domain/dist/index.js'
import { arbJourneyHistory } from '../../packages/domain/dist/testing/index.js'
import {
  allProjections,
  createProjectionRunner,
  foldEvents,
  getInMemoryProjectionSink,
  getSqliteProjectionSink,
} from '../../packages/projections/dist/index.js'
import { arbInterleaving } from '../../packages/projections/dist/testing/arbitraries.js'
import { record } from '../../packages/projections/dist/testing/journeyBuilder.js'

const youths = Number(process.argv[2] ?? 1500)
const rounds = Number(process.argv[3] ?? 3)
const batchSize = 500

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

// A reproducible history: valid journeys from the domain's testing kit, streams interleaved.
const [scripts] = fc.sample(arbJourneyHistory({ youths, missionLocales: 6, steps: { min: 10, max: 40 } }), {
  numRuns: 1,
  seed: 2026,
})
const journeys = scripts.map((s) => s.events)
const [order] = fc.sample(arbInterleaving(journeys.map((j) => j.length)), { numRuns: 1, seed: 2026 })
const recorded = record(journeys, order)

const fill = async (store) => {
  // One append per journey chunk of 5 events, interleaved, as many writers would.
  for (let i = 0; i < recorded.length;) {
    const { streamName } = recorded[i]
    const chunk = []
    while (i < recorded.length && recorded[i].streamName === streamName && chunk.length < 5)
      chunk.push(recorded[i++])
    const r = await store.append(
      streamName,
      'any',
      chunk.map((e) => ({ id: crypto.randomUUID(), event: e.event })),
    )()
    if (r._tag === 'Left') throw new Error(`append failed: ${r.left._tag}`)
  }
}

const measure = async (store, newSink) => {
  const times = []
  for (let round = 0; round < rounds; round++) {
    const sink = newSink(round)
    globalThis.gc?.()
    const started = performance.now()
    const r = await createProjectionRunner({
      store,
      sink,
      projections: allProjections,
      batchSize,
    }).rebuild()()
    const ms = performance.now() - started
    if (r._tag === 'Left') throw new Error(r.left.message)
    if (r.right.events !== recorded.length) throw new Error(`applied ${r.right.events} of ${recorded.length}`)
    await sink.close()
    times.push(ms)
  }
  const ms = median(times)
  return {
    medianMs: Math.round(ms),
    eventsPerSecond: Math.round((recorded.length / ms) * 1000),
    roundsMs: times.map(Math.round),
  }
}

const dir = mkdtempSync(join(tmpdir(), 'parcours-bench-projections-'))
try {
  const foldTimes = []
  for (let round = 0; round < rounds; round++) {
    const started = performance.now()
    for (const p of allProjections) foldEvents(p, recorded)
    foldTimes.push(performance.now() - started)
  }
  const memoryStore = getInMemoryEventStore({ codec: journeyEventCodec })
  await fill(memoryStore)
  const memory = await measure(memoryStore, () => getInMemoryProjectionSink())
  await memoryStore.close()

  const storePath = join(dir, 'events.db')
  const sqliteStore = getSqliteEventStore({ path: storePath, codec: journeyEventCodec })
  await fill(sqliteStore)
  const sqlite = await measure(sqliteStore, (round) =>
    getSqliteProjectionSink({ path: join(dir, `projections-${round}.db`) }),
  )
  await sqliteStore.close()

  console.log(
    JSON.stringify({
      events: recorded.length,
      youths,
      missionLocales: 6,
      projections: allProjections.map((p) => p.name),
      batchSize,
      rounds,
      foldOnly: {
        medianMs: Math.round(median(foldTimes)),
        eventsPerSecond: Math.round((recorded.length / median(foldTimes)) * 1000),
      },
      memory: { store: 'in-memory', sink: 'in-memory', ...memory },
      sqlite: { store: 'sqlite', sink: 'sqlite', ...sqlite },
    }),
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
