import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getInMemoryEventStore, getSqliteEventStore } from '@parcours/adapters'
import { type EventStore, type JourneyEvent, journeyEventCodec } from '@parcours/domain'
import { dashboardProjection } from '../dashboard/dashboardProjection.js'
import { queryDashboard } from '../dashboard/queryDashboard.js'
import { docEntries } from '../model/docMap.js'
import { foldEvents } from '../model/projection.js'
import { allProjections } from '../projections.js'
import { getInMemoryProjectionSink } from '../sink/inMemoryProjectionSink.js'
import type { ProjectionSink } from '../sink/projectionSink.js'
import { getSqliteProjectionSink } from '../sink/sqliteProjectionSink.js'
import { arbHistory } from '../testing/arbitraries.js'
import { journey, record } from '../testing/journeyBuilder.js'
import { appendAll } from '../testing/storeSupport.js'
import { createProjectionRunner } from './createProjectionRunner.js'
import { loadReadModel } from './readModels.js'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parcours-projections-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const sample = () =>
  record([
    journey('y1', 'A', 'a1')
      .register('2025-01-10')
      .offer('2025-01-12', 'p1', 'training', '2025-02-01')
      .close('2025-03-01', 'other').events,
    journey('y2', 'B', 'b1')
      .register('2025-01-11')
      .schedule('2025-01-11', 'f1', '2025-02-01')
      .kept('2025-02-01', 'f1').events,
  ])

const dashboardFrom = async (store: EventStore<JourneyEvent>, sink: ProjectionSink) => {
  const r = await createProjectionRunner({
    store,
    sink,
    projections: allProjections,
    batchSize: 16,
  }).catchUp()()
  if (isLeft(r)) throw new Error(r.left.message)
  const rm = await loadReadModel(sink, dashboardProjection)()
  if (isLeft(rm)) throw new Error(rm.left.message)
  return queryDashboard(rm.right)
}

describe('projections on SQLite', () => {
  it('build the same dashboard from the in-memory store and sink as from SQLite ones sharing one file', async () => {
    let round = 0
    await fc.assert(
      fc.asyncProperty(arbHistory({ youths: 8, missionLocales: 3 }), async (h) => {
        const path = join(dir, `shared-${round++}.db`)
        const [memoryStore, sqliteStore] = [
          getInMemoryEventStore({ codec: journeyEventCodec }),
          getSqliteEventStore({ path, codec: journeyEventCodec }),
        ]
        const sqliteSink = getSqliteProjectionSink({ path })
        try {
          await appendAll(memoryStore, h.recorded)
          await appendAll(sqliteStore, h.recorded)
          const fromMemory = await dashboardFrom(memoryStore, getInMemoryProjectionSink())
          expect(await dashboardFrom(sqliteStore, sqliteSink)).toEqual(fromMemory)
          expect(fromMemory).toEqual(queryDashboard(foldEvents(dashboardProjection, h.recorded)))
        } finally {
          await Promise.all([sqliteSink.close(), sqliteStore.close(), memoryStore.close()])
        }
      }),
      { numRuns: 4 },
    )
  })

  it('commits a batch all or nothing', async () => {
    const sink = getSqliteProjectionSink({ path: join(dir, 'sink.db') })
    await sink.reset('w', { dashboard: 1 })()
    const ok = await sink.commit({
      scope: 'w',
      checkpoint: 5n,
      changes: [{ projection: 'dashboard', key: 'a', doc: { n: 1 } }],
      deadLetters: [],
    })()
    expect(isRight(ok)).toBe(true)
    const bad = await sink.commit({
      scope: 'w',
      checkpoint: 9n,
      changes: [
        { projection: 'dashboard', key: 'a', doc: { n: 2 } },
        { projection: 'dashboard', key: 'b', doc: { n: 10n } },
      ],
      deadLetters: [],
    })()
    expect(isLeft(bad)).toBe(true)
    const state = await sink.load('w')()
    expect(isRight(state) && state.right).toEqual({
      checkpoint: 5n,
      versions: { dashboard: 1 },
      documents: { dashboard: [['a', { n: 1 }]] },
    })
    await sink.close()
  })
})

describe('a stored event that cannot be decoded', () => {
  const corrupt = async () => {
    const path = join(dir, 'events.db')
    const store = getSqliteEventStore({ path, codec: journeyEventCodec })
    const recorded = sample()
    await appendAll(store, recorded)
    const db = new Database(path)
    db.prepare(`UPDATE events SET data = '{"proposalId":42}' WHERE position = 4`).run()
    db.close()
    return { store, recorded, path }
  }

  it('stops the run with an error naming its stream and revision, keeping what came before', async () => {
    const { store, recorded, path } = await corrupt()
    const sink = getSqliteProjectionSink({ path })
    const r = await createProjectionRunner({
      store,
      sink,
      projections: allProjections,
      batchSize: 2,
    }).catchUp()()
    expect(isLeft(r) && r.left).toMatchObject({
      _tag: 'ProjectionDecodeFailed',
      streamName: recorded[3]?.streamName,
      revision: recorded[3]?.revision,
    })
    expect(isLeft(r) && r.left.message).toContain(
      `revision ${recorded[3]?.revision} of stream ${recorded[3]?.streamName}`,
    )
    const state = await sink.load('default')()
    expect(isRight(state) && state.right.checkpoint).toBe(3n)
    const again = await createProjectionRunner({ store, sink, projections: allProjections }).catchUp()()
    expect(isLeft(again)).toBe(true)
    await Promise.all([sink.close(), store.close()])
  })

  it('a rebuild that meets it fails and leaves the previous read models and checkpoint as they were', async () => {
    const path = join(dir, 'rebuild.db')
    const store = getSqliteEventStore({ path, codec: journeyEventCodec })
    await appendAll(store, sample())
    const sink = getSqliteProjectionSink({ path })
    const first = await createProjectionRunner({
      store,
      sink,
      projections: allProjections,
      batchSize: 2,
    }).catchUp()()
    expect(isRight(first)).toBe(true)
    const before = await sink.load('default')()
    const db = new Database(path)
    db.prepare(`UPDATE events SET data = '{"proposalId":42}' WHERE position = 4`).run()
    db.close()
    const rebuilt = await createProjectionRunner({
      store,
      sink,
      projections: allProjections,
      batchSize: 2,
    }).rebuild()()
    expect(isLeft(rebuilt) && rebuilt.left._tag).toBe('ProjectionDecodeFailed')
    const after = await sink.load('default')()
    expect(isRight(before) && isRight(after) && after.right.checkpoint).toBe(
      isRight(before) && before.right.checkpoint,
    )
    expect(after).toEqual(before)
    await Promise.all([sink.close(), store.close()])
  })

  it("with 'park', writes it to the dead letters and goes on", async () => {
    const { store, recorded, path } = await corrupt()
    const sink = getSqliteProjectionSink({ path })
    const r = await createProjectionRunner({
      store,
      sink,
      projections: allProjections,
      batchSize: 2,
      onDecodeFailure: 'park',
    }).catchUp()()
    expect(isRight(r) && r.right).toMatchObject({ parked: 1, events: recorded.length - 1 })
    const dead = await sink.deadLetters('default')()
    expect(isRight(dead) && dead.right.map((d) => [d.streamName, d.revision, d.position])).toEqual([
      [recorded[3]?.streamName, recorded[3]?.revision, 4n],
    ])
    const rm = await loadReadModel(sink, dashboardProjection)()
    const expected = foldEvents(
      dashboardProjection,
      recorded.filter((_, i) => i !== 3),
    )
    expect(isRight(rm) && Object.fromEntries(docEntries(rm.right))).toEqual(
      Object.fromEntries(docEntries(expected)),
    )
    await Promise.all([sink.close(), store.close()])
  })

  it("reads journey streams only: another application's stream in the same file is left alone", async () => {
    const path = join(dir, 'shared-with-others.db')
    const recorded = sample()
    const store = getSqliteEventStore({ path, codec: journeyEventCodec })
    await appendAll(store, recorded)
    const db = new Database(path)
    db.prepare(
      "INSERT INTO events (event_id, stream_name, revision, event_type, data, metadata, recorded_at) VALUES (?, 'invoice-1', 0, 'InvoiceSent', '{}', '{}', '2025-01-01T00:00:00Z')",
    ).run('00000000-0000-4000-8000-000000000001')
    db.close()
    const sink = getInMemoryProjectionSink()
    const r = await createProjectionRunner({
      store,
      sink,
      projections: allProjections,
      batchSize: 2,
    }).catchUp()()
    expect(isRight(r) && r.right).toMatchObject({ events: recorded.length, parked: 0 })
    const rm = await loadReadModel(sink, dashboardProjection)()
    expect(isRight(rm) && queryDashboard(rm.right)).toEqual(
      queryDashboard(foldEvents(dashboardProjection, recorded)),
    )
    await Promise.all([sink.close(), store.close()])
  })
})
