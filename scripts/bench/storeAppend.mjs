// Append throughput of the in-memory and SQLite stores with few and many events already stored.
// Runs on the built packages (`npx tsc -b packages/adapters` first) and prints one JSON object.
// Usage: node scripts/bench/storeAppend.mjs [--rounds 5] [--quick]
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getInMemoryEventStore } from '../../packages/adapters/dist/memory/index.js'
import { getSqliteEventStore } from '../../packages/adapters/dist/sqlite/index.js'
import { testEventCodec } from '../../packages/adapters/dist/testing/conformance/testEvents.js'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const roundsAt = args.indexOf('--rounds')
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 5

const event = (i) => ({ type: 'ItemAdded', sku: `sku-${i % 97}`, quantity: 1 + (i % 5) })
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2
}
const must = async (task) => {
  const r = await task()
  if (r._tag === 'Left')
    throw new Error(JSON.stringify(r.left, (_, v) => (typeof v === 'bigint' ? String(v) : v)))
  return r.right
}

/** Fills a store with `count` events, in batches of 10 per stream, as a journey store would hold them. */
const prefill = async (store, count) => {
  for (let done = 0; done < count; done += 10) {
    const batch = Array.from({ length: Math.min(10, count - done) }, (_, i) => ({
      id: randomUUID(),
      event: event(done + i),
    }))
    await must(store.append(`prefill-${done / 10}`, 'no-stream', batch))
  }
}

/** Times `appends` single-event appends, each with the exact expected revision, over 1,000 streams. */
const timeAppends = async (store, appends, round) => {
  const revisions = new Map()
  const ids = Array.from({ length: appends }, () => randomUUID())
  const started = process.hrtime.bigint()
  for (let i = 0; i < appends; i++) {
    const stream = `bench-${round}-${i % 1000}`
    const expected = revisions.get(stream) ?? 'no-stream'
    const result = await must(store.append(stream, expected, [{ id: ids[i], event: event(i) }]))
    revisions.set(stream, result.nextExpectedRevision)
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return Math.round(appends / seconds)
}

const measure = async ({ open, stored, appends }) => {
  const { store, dispose } = open()
  await prefill(store, stored)
  await timeAppends(store, Math.min(appends, 2_000), 'warmup')
  const perRound = []
  for (let round = 0; round < rounds; round++) perRound.push(await timeAppends(store, appends, round))
  await dispose()
  return { stored, appendsPerRound: appends, rounds: perRound, medianAppendsPerSecond: median(perRound) }
}

const memory = () => {
  const store = getInMemoryEventStore({ codec: testEventCodec })
  return { store, dispose: () => store.close() }
}
const sqlite = () => {
  const dir = mkdtempSync(join(tmpdir(), 'parcours-bench-'))
  const store = getSqliteEventStore({ path: join(dir, 'events.db'), codec: testEventCodec })
  return {
    store,
    dispose: async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

const compare = async (name, open, small, large, appends) => {
  const few = await measure({ open, stored: small, appends })
  const many = await measure({ open, stored: large, appends })
  return {
    store: name,
    few,
    many,
    ratioFewOverMany: Number((few.medianAppendsPerSecond / many.medianAppendsPerSecond).toFixed(2)),
  }
}

// Warms the JIT up on both stores so that the first size measured is not penalised.
await measure({ open: memory, stored: 1_000, appends: 20_000 })
await measure({ open: sqlite, stored: 100, appends: 500 })

const results = {
  node: process.version,
  rounds,
  memory: await compare('in-memory', memory, 10_000, quick ? 100_000 : 1_000_000, quick ? 5_000 : 20_000),
  sqlite: await compare('sqlite', sqlite, 1_000, quick ? 20_000 : 100_000, quick ? 500 : 2_000),
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
