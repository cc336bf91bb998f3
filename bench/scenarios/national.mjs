// The national moonshot: a synthetic national year (by default 1,000,000 young people, about
// 30,000,000 events, 400 missions locales), generated reproducibly and streamed into a SQLite
// event store (never held in memory), then every read model rebuilt from it into a SQLite sink,
// by one runner and over two worker threads. Reports events/s, wall time and peak RSS.
// Run it alone: `pnpm bench national` (PARCOURS_NATIONAL_YOUTHS=20000 for a smaller year).
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getSqliteEventStore } from '@parcours/adapters'
import { journeyEventCodec } from '@parcours/domain'
import {
  allProjections,
  createProjectionRunner,
  getSqliteProjectionSink,
  rebuildInWorkers,
} from '@parcours/projections'
import Database from 'better-sqlite3'
import { templates, writeNational } from '../lib/journeys.mjs'
import { must, peakRssMB } from '../lib/measure.mjs'

const MISSION_LOCALES = 400
const youths = Number(process.env.PARCOURS_NATIONAL_YOUTHS ?? 1_000_000)
const log = (message) => process.stderr.write(`national: ${message}\n`)

/** Generates the year once per run (in the run's PARCOURS_BENCH_TMP), shared by both cases. */
const generate = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parcours-national-'))
  const path = join(process.env.PARCOURS_BENCH_TMP ?? dir, `national-${youths}.db`)
  const started = performance.now()
  if (existsSync(path)) {
    const db = new Database(path, { readonly: true })
    const events = db.prepare('SELECT count(*) FROM events').pluck().get()
    db.close()
    return {
      dir,
      path,
      events,
      generateSeconds: 0,
      dispose: () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  const events = await writeNational({
    path: `${path}.partial`,
    youths,
    missionLocales: MISSION_LOCALES,
    pool: templates(500, 8),
    onProgress: (done, written) => {
      if (done % 50_000 === 0)
        log(`${done.toLocaleString('en')} young people, ${written.toLocaleString('en')} events`)
    },
  })
  renameSync(`${path}.partial`, path)
  const seconds = (performance.now() - started) / 1000
  log(`generated ${events.toLocaleString('en')} events in ${seconds.toFixed(0)} s`)
  return {
    dir,
    path,
    events,
    generateSeconds: Math.round(seconds),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  }
}

const row = (name, year, seconds, extra) => ({
  name,
  size: year.events,
  opsPerSec: Math.round(year.events / seconds),
  peakRssMB: peakRssMB(),
  unit: 'events/s',
  youths,
  missionLocales: MISSION_LOCALES,
  seconds: Math.round(seconds),
  generateSeconds: year.generateSeconds,
  ...extra,
})

export const cases = () => [
  {
    name: 'national rebuild, one runner',
    run: async () => {
      const year = await generate()
      const store = getSqliteEventStore({ path: year.path, codec: journeyEventCodec, cacheSize: 0 })
      const sink = getSqliteProjectionSink({ path: join(year.dir, 'projections.db') })
      const started = performance.now()
      const stats = await must(
        createProjectionRunner({
          store,
          sink,
          projections: allProjections,
          holdReadModels: process.env.PARCOURS_NATIONAL_HOLD === '1',
          onProgress: (p) => log(`${p.events.toLocaleString('en')} events applied, rss ${peakRssMB()} MB`),
        }).rebuild(),
      )
      const seconds = (performance.now() - started) / 1000
      await Promise.all([store.close(), sink.close()])
      year.dispose()
      if (stats.events !== year.events) throw new Error(`applied ${stats.events} of ${year.events}`)
      return [
        row('national rebuild, one runner (SQLite store and sink)', year, seconds, {
          batches: stats.batches,
        }),
      ]
    },
  },
  {
    name: 'national rebuild, two worker threads',
    run: async () => {
      const year = await generate()
      const started = performance.now()
      const shards = await must(
        rebuildInWorkers({ storePath: year.path, sinkPath: join(year.dir, 'projections.db'), workers: 2 }),
      )
      const seconds = (performance.now() - started) / 1000
      year.dispose()
      for (const { stats } of shards)
        if (stats.checkpoint !== BigInt(year.events))
          throw new Error(`a shard stopped at ${stats.checkpoint}`)
      // Worker threads share the process: its peak RSS covers both.
      return [
        row('national rebuild, two worker threads (SQLite store and sink)', year, seconds, { workers: 2 }),
      ]
    },
  },
]
