import { getInMemoryEventStore, getSqliteEventStore } from '@parcours/adapters'
import { journeyEventCodec } from '@parcours/domain'
import { allProjections, createProjectionRunner, getInMemoryProjectionSink, getSqliteProjectionSink } from '@parcours/projections'
const path = '/tmp/i15/history-3000.db'
const mode = process.argv[2] ?? 'memory'
let store
if (mode === 'memory') {
  const src = getSqliteEventStore({ path, codec: journeyEventCodec, cacheSize: 0 })
  const events = (await src.readAll()()).right
  await src.close()
  store = getInMemoryEventStore({ codec: journeyEventCodec })
  for (let i = 0; i < events.length; i += 1000) {
    const byStream = new Map()
    for (const e of events.slice(i, i + 1000)) {
      let list = byStream.get(e.streamName)
      if (list === undefined) byStream.set(e.streamName, (list = []))
      list.push({ id: e.id, event: e.event, metadata: e.metadata })
    }
    for (const [stream, list] of byStream) await store.append(stream, 'any', list)()
  }
} else store = getSqliteEventStore({ path, codec: journeyEventCodec })
for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round++) {
  const sink = mode === 'memory' ? getInMemoryProjectionSink() : getSqliteProjectionSink({ path: `/tmp/i15/sink-${round}.db` })
  const t = performance.now(); const c0 = process.cpuUsage()
  const r = await createProjectionRunner({ store, sink, projections: allProjections, ...(process.env.PAGED ? { holdReadModels: false } : {}), ...(process.env.RB ? { rebuildBatchSize: Number(process.env.RB) } : {}) }).rebuild()()
  const s = (performance.now() - t) / 1000; const cu = process.cpuUsage(c0); const cs = (cu.user + cu.system) / 1e6
  console.log(mode, r.right.events, Math.round(r.right.events / s), 'cpu', Math.round(r.right.events / cs), Math.round(process.resourceUsage().maxRSS / 1024))
  await sink.close()
}
