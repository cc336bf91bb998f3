import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { isLeft } from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getSqliteEventStore } from '@parcours/adapters'
import { type JourneyEvent, journeyEventCodec } from '@parcours/domain'
import { docEntries } from '../model/docMap.js'
import { foldEvents } from '../model/projection.js'
import { allProjections } from '../projections.js'
import type { ProjectionSink } from '../sink/projectionSink.js'
import { getSqliteProjectionSink } from '../sink/sqliteProjectionSink.js'
import { arbHistory, arbInterleaving } from '../testing/arbitraries.js'
import { journey, record } from '../testing/journeyBuilder.js'
import { appendAll, failingSink } from '../testing/storeSupport.js'
import { createProjectionRunner } from './createProjectionRunner.js'
import { loadReadModel } from './readModels.js'
import { INCOMPLETE_VERSION } from './streamOrderedRebuild.js'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parcours-stream-rebuild-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Journeys that cross what a stream-ordered rebuild must get right. */
const awkward = (): ReadonlyArray<ReadonlyArray<JourneyEvent>> => [
  // Transferred between mission locales, a back-dated attendance, closed, reopened, erased.
  journey('aw1', 'ml-1', 'c1')
    .register('2025-01-10')
    .schedule('2025-01-11', 'f1', '2025-02-01', 'individual-interview')
    .due('2025-02-01', 'f1', '2025-02-01')
    .transfer('2025-02-10', 'ml-2', 'c2')
    .kept('2025-01-20', 'f1')
    .close('2025-03-01', 'other')
    .reopen('2025-04-01')
    .erase('2025-05-01').events,
  // Back-dated into a month other journeys count in, moved twice.
  journey('aw2', 'ml-2', 'c2')
    .register('2025-03-05')
    .transfer('2025-03-06', 'ml-1', 'c1')
    .offer('2025-01-02', 'p1', 'training', '2025-02-01')
    .transfer('2025-03-07', 'ml-2', 'c3')
    .close('2025-03-08', 'other')
    .reopen('2025-03-09', 'c2').events,
]

const arbLog = fc
  .tuple(arbHistory({ youths: 6, missionLocales: 3, steps: { min: 3, max: 20 } }), fc.constant(awkward()))
  .chain(([h, extra]) => {
    const journeys = [...h.journeys, ...extra]
    return arbInterleaving(journeys.map((j) => j.length)).map((order) => record(journeys, order))
  })

const documentsOf = async (sink: ProjectionSink) => {
  const out: Record<string, unknown> = {}
  for (const p of allProjections) {
    const rm = await loadReadModel(sink, p)()
    if (isLeft(rm)) throw new Error(rm.left.message)
    out[p.name] = Object.fromEntries(docEntries(rm.right))
  }
  return out
}

const globalFold = (recorded: Parameters<typeof foldEvents>[1]) =>
  Object.fromEntries(
    allProjections.map((p) => [p.name, Object.fromEntries(docEntries(foldEvents(p, recorded)))]),
  )

const storeWith = async (path: string, recorded: Parameters<typeof appendAll>[1]) => {
  const store = getSqliteEventStore({ path, codec: journeyEventCodec })
  await appendAll(store, recorded)
  return store
}

describe('a stream-ordered rebuild', () => {
  it('builds what the global-order fold and an incremental runner build (transfers, back-dated events, erasures, reopenings)', async () => {
    let round = 0
    await fc.assert(
      fc.asyncProperty(arbLog, fc.integer({ min: 1, max: 40 }), async (recorded, batchSize) => {
        const n = round++
        const store = await storeWith(join(dir, `events-${n}.db`), recorded)
        let pages = 0
        const counted = {
          ...store,
          readByStream: (o: Parameters<typeof store.readByStream>[0]) => {
            pages++
            return store.readByStream(o)
          },
        }
        const rebuilt = getSqliteProjectionSink({ path: join(dir, `rebuilt-${n}.db`) })
        const r = await createProjectionRunner({
          store: counted,
          sink: rebuilt,
          projections: allProjections,
          batchSize,
          holdReadModels: false,
        }).rebuild()()
        if (isLeft(r)) throw new Error(r.left.message)
        expect(pages).toBeGreaterThan(0)
        expect(r.right.checkpoint).toBe(BigInt(recorded.length))
        expect(r.right.events).toBe(recorded.length)

        const incremental = getSqliteProjectionSink({ path: join(dir, `incremental-${n}.db`) })
        const i = await createProjectionRunner({
          store,
          sink: incremental,
          projections: allProjections,
          batchSize: 1 + (batchSize % 7),
        }).catchUp()()
        if (isLeft(i)) throw new Error(i.left.message)

        const byStream = await documentsOf(rebuilt)
        expect(byStream).toEqual(globalFold(recorded))
        expect(byStream).toEqual(await documentsOf(incremental))
        await Promise.all([store.close(), rebuilt.close(), incremental.close()])
      }),
      { numRuns: 15 },
    )
  }, 120_000)

  it('follows the log from the head it rebuilt to, and holds the read models when asked', async () => {
    const [recorded] = fc.sample(arbLog, { numRuns: 1, seed: 7 })
    if (recorded === undefined) throw new Error('no sample')
    const store = await storeWith(join(dir, 'events.db'), recorded)
    const sink = getSqliteProjectionSink({ path: join(dir, 'projections.db') })
    const runner = createProjectionRunner({ store, sink, projections: allProjections })
    const r = await runner.rebuild()()
    if (isLeft(r)) throw new Error(r.left.message)
    for (const p of allProjections)
      expect(Object.fromEntries(docEntries(runner.readModel(p) ?? p.initial))).toEqual(
        Object.fromEntries(docEntries(foldEvents(p, recorded))),
      )
    const more = journey('late', 'ml-1').register('2025-06-01').close('2025-06-02', 'other').events
    const later = [
      ...recorded,
      ...record([more]).map((e, k) => ({ ...e, position: BigInt(recorded.length + k + 1) })),
    ]
    await appendAll(store, later.slice(recorded.length))
    const c = await runner.catchUp()()
    if (isLeft(c)) throw new Error(c.left.message)
    expect(c.right.events).toBe(more.length)
    expect(await documentsOf(sink)).toEqual(globalFold(later))
    await Promise.all([store.close(), sink.close()])
  })

  it('commits 2,000 events a batch by default, 10,000 in global order, and what rebuildBatchSize says', async () => {
    // 600 journeys of 6 events: 3,600 events (a batch never splits a stream).
    const journeys = Array.from(
      { length: 600 },
      (_, i) =>
        journey(`b${String(i).padStart(3, '0')}`, `ml-${i % 3}`)
          .register('2025-01-10')
          .schedule('2025-01-11', 'f1', '2025-02-01', 'individual-interview')
          .kept('2025-02-01', 'f1')
          .offer('2025-02-02', 'p1', 'training', '2025-03-01')
          .transfer('2025-02-10', 'ml-9', 'c2')
          .close('2025-03-01', 'other').events,
    )
    const recorded = record(journeys)
    expect(recorded.length).toBe(3_600)
    const store = await storeWith(join(dir, 'events.db'), recorded)
    const batchesOf = async (sinkName: string, options: object) => {
      const sink = getSqliteProjectionSink({ path: join(dir, `${sinkName}.db`) })
      const r = await createProjectionRunner({
        store,
        sink,
        projections: allProjections,
        ...options,
      }).rebuild()()
      if (isLeft(r)) throw new Error(r.left.message)
      expect(await documentsOf(sink)).toEqual(globalFold(recorded))
      await sink.close()
      return r.right.batches
    }
    // Stream by stream: a commit per 2,000 events (whole streams: 1,998 and 1,602), then the aggregates'.
    expect(await batchesOf('default', {})).toBe(3)
    expect(await batchesOf('large', { rebuildBatchSize: 10_000 })).toBe(2)
    // 594 (the page's last stream waits for the next page), five of 600, the last 6, the aggregates.
    expect(await batchesOf('small', { rebuildBatchSize: 600 })).toBe(8)
    expect(await batchesOf('global', { rebuildOrder: 'global' })).toBe(1)
    await store.close()
  })

  it('leaves a scope that fails half-way stale, and the next run rebuilds it from zero', async () => {
    const [recorded] = fc.sample(arbLog, { numRuns: 1, seed: 11 })
    if (recorded === undefined) throw new Error('no sample')
    const store = await storeWith(join(dir, 'events.db'), recorded)
    const path = join(dir, 'projections.db')
    const sink = getSqliteProjectionSink({ path })
    const failed = await createProjectionRunner({
      store,
      sink: failingSink(sink, 2, 'after-write'),
      projections: allProjections,
      batchSize: 5,
      holdReadModels: false,
    }).rebuild()()
    expect(isLeft(failed) && failed.left._tag).toBe('SinkFailed')
    const stale = await sink.load('default')()
    if (isLeft(stale)) throw new Error(stale.left.message)
    expect(stale.right.checkpoint).toBeUndefined()
    expect(Object.values(stale.right.versions)).toEqual(allProjections.map(() => INCOMPLETE_VERSION))

    const again = await createProjectionRunner({ store, sink, projections: allProjections }).catchUp()()
    if (isLeft(again)) throw new Error(again.left.message)
    expect(again.right.rebuilt).toBe(true)
    expect(await documentsOf(sink)).toEqual(globalFold(recorded))
    await Promise.all([store.close(), sink.close()])
  })

  it('hands a corrupt row over to the global order, which reports it as a decode failure', async () => {
    const [recorded] = fc.sample(arbLog, { numRuns: 1, seed: 3 })
    if (recorded === undefined) throw new Error('no sample')
    const path = join(dir, 'events.db')
    const store = await storeWith(path, recorded)
    const db = new Database(path)
    db.prepare("UPDATE events SET data = '{not json' WHERE position = 3").run()
    db.close()
    const sink = getSqliteProjectionSink({ path: join(dir, 'projections.db') })
    const r = await createProjectionRunner({ store, sink, projections: allProjections }).rebuild()()
    expect(isLeft(r) && r.left).toMatchObject({
      _tag: 'ProjectionDecodeFailed',
      position: 3n,
      streamName: recorded[2]?.streamName,
    })
    await Promise.all([store.close(), sink.close()])
  })
})
