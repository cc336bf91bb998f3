// The national moonshot: a synthetic national year (by default 1,000,000 young people, about
// 31,000,000 events, 400 missions locales), generated reproducibly and streamed into a SQLite
// event store (never held in memory), then every read model rebuilt from it into a SQLite sink,
// by one runner and over two worker threads (stream by stream: each stream's documents written
// once, only the aggregates held). Reports events/s, wall and CPU time, peak RSS.
// Run it alone: `pnpm bench national` (PARCOURS_NATIONAL_YOUTHS=100000 for a smaller year).
// The generated year is kept between runs, keyed by the generator's parameters, in
// PARCOURS_NATIONAL_CACHE (default <tmpdir>/parcours-bench-cache; about 360 bytes an event).
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
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
const TEMPLATES = 500
// Steps per template journey: about 31 events per young person, as a national year holds.
const STEPS = { min: 4, max: 22 }
const youths = Number(process.env.PARCOURS_NATIONAL_YOUTHS ?? 1_000_000)
const log = (message) => process.stderr.write(`national: ${message}\n`)
const cacheDir = process.env.PARCOURS_NATIONAL_CACHE ?? join(tmpdir(), 'parcours-bench-cache')
// Bump when writeNational or the templates change what they write.
const GENERATOR = 2
const yearPath = join(
  cacheDir,
  `national-g${GENERATOR}-${youths}y-${MISSION_LOCALES}ml-${TEMPLATES}t-${STEPS.min}to${STEPS.max}.db`,
)

const eventsIn = (path) => {
  const db = new Database(path, { readonly: true })
  const events = db.prepare('SELECT count(*) FROM events').pluck().get()
  db.close()
  return events
}

/** The year from the cache, or generated into it (streamed, one block of young people at a time). */
const year = async () => {
  mkdirSync(cacheDir, { recursive: true })
  if (existsSync(yearPath)) return { path: yearPath, events: eventsIn(yearPath), generateSeconds: 0 }
  const started = performance.now()
  const partial = `${yearPath}.partial`
  rmSync(partial, { force: true })
  const events = await writeNational({
    path: partial,
    youths,
    missionLocales: MISSION_LOCALES,
    pool: templates(TEMPLATES, 8, STEPS),
    onProgress: (done, written) => {
      if (done % 50_000 === 0)
        log(`${done.toLocaleString('en')} young people, ${written.toLocaleString('en')} events`)
    },
  })
  renameSync(partial, yearPath)
  const seconds = (performance.now() - started) / 1000
  log(`generated ${events.toLocaleString('en')} events in ${seconds.toFixed(0)} s`)
  return { path: yearPath, events, generateSeconds: Math.round(seconds) }
}

const row = (name, y, seconds, cpu, extra) => ({
  name,
  size: y.events,
  opsPerSec: Math.round(y.events / seconds),
  peakRssMB: peakRssMB(),
  unit: 'events/s',
  youths,
  missionLocales: MISSION_LOCALES,
  seconds: Math.round(seconds),
  cpuSeconds: Math.round((cpu.user + cpu.system) / 1e6),
  ...extra,
})

export const cases = () => [
  {
    // Its own process (each case is), so that the rebuilds' peak RSS is theirs alone.
    name: 'national year generated',
    run: async () => {
      const cpu = process.cpuUsage()
      const y = await year()
      const seconds = y.generateSeconds
      // A year found in the cache took no time here: its rate is 0, `cached` says why.
      return [
        {
          ...row(
            'national year generated (streamed into SQLite)',
            y,
            Math.max(seconds, 1),
            process.cpuUsage(cpu),
            {},
          ),
          opsPerSec: seconds === 0 ? 0 : Math.round(y.events / seconds),
          cached: seconds === 0,
          generateSeconds: seconds,
        },
      ]
    },
  },
  {
    name: 'national rebuild, one runner',
    run: async () => {
      const y = await year()
      const dir = mkdtempSync(join(tmpdir(), 'parcours-national-'))
      const store = getSqliteEventStore({ path: y.path, codec: journeyEventCodec, cacheSize: 0 })
      const sink = getSqliteProjectionSink({ path: join(dir, 'projections.db') })
      const started = performance.now()
      const cpu = process.cpuUsage()
      let logged = 0
      const stats = await must(
        createProjectionRunner({
          store,
          sink,
          projections: allProjections,
          // Streaming: the documents live in the sink (PARCOURS_NATIONAL_HOLD=1 keeps them in memory too).
          holdReadModels: process.env.PARCOURS_NATIONAL_HOLD === '1',
          onProgress: (p) => {
            if (p.events - logged < 1_000_000) return
            logged = p.events
            log(`${p.events.toLocaleString('en')} events applied, peak rss ${peakRssMB()} MB`)
          },
        }).rebuild(),
      )
      const seconds = (performance.now() - started) / 1000
      const used = process.cpuUsage(cpu)
      await Promise.all([store.close(), sink.close()])
      rmSync(dir, { recursive: true, force: true })
      if (stats.events !== y.events) throw new Error(`applied ${stats.events} of ${y.events}`)
      return [
        row('national rebuild, one runner (SQLite store and sink)', y, seconds, used, {
          batches: stats.batches,
        }),
      ]
    },
  },
  {
    name: 'national rebuild, two worker threads',
    run: async () => {
      const y = await year()
      const dir = mkdtempSync(join(tmpdir(), 'parcours-national-'))
      const started = performance.now()
      const cpu = process.cpuUsage()
      const shards = await must(
        rebuildInWorkers({ storePath: y.path, sinkPath: join(dir, 'projections.db'), workers: 2 }),
      )
      const seconds = (performance.now() - started) / 1000
      // Worker threads share the process: its CPU time and peak RSS cover both.
      const used = process.cpuUsage(cpu)
      rmSync(dir, { recursive: true, force: true })
      const read = shards.reduce((n, s) => n + s.stats.events, 0)
      if (read !== y.events) throw new Error(`the workers applied ${read} of ${y.events}`)
      return [
        row('national rebuild, two worker threads (SQLite store and sink)', y, seconds, used, {
          workers: 2,
          perWorker: shards.map((s) => s.stats.events),
        }),
      ]
    },
  },
]
