import { Writable } from 'node:stream'
import fc from 'fast-check'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { getInMemoryEventStore } from '@parcours/adapters'
import { journeyEventCodec } from '@parcours/domain'
import { cejProjection } from '../cej/cejProjection.js'
import { dashboardProjection } from '../dashboard/dashboardProjection.js'
import { queryDashboard } from '../dashboard/queryDashboard.js'
import { type DocMap, docEntries } from '../model/docMap.js'
import { foldEvents } from '../model/projection.js'
import { allProjections } from '../projections.js'
import { getInMemoryProjectionSink } from '../sink/inMemoryProjectionSink.js'
import type { ProjectionSink } from '../sink/projectionSink.js'
import { arbHistory } from '../testing/arbitraries.js'
import { journey, record } from '../testing/journeyBuilder.js'
import { appendAll, failingSink } from '../testing/storeSupport.js'
import { timelineProjection } from '../timeline/timelineProjection.js'
import { worklistProjection } from '../worklist/worklistProjection.js'
import { createProjectionRunner, type ProjectionRunnerOptions, shardOf } from './createProjectionRunner.js'
import { type AnyKeyedProjection, loadReadModel } from './readModels.js'

const newStore = () => getInMemoryEventStore({ codec: journeyEventCodec })
const docs = (rm: DocMap<object> | undefined) => Object.fromEntries(docEntries(rm ?? { size: 0, top: [] }))

/** Each projection's read model as the sink holds it. */
const persistedModels = async (
  sink: ProjectionSink,
  projections: ReadonlyArray<AnyKeyedProjection> = allProjections,
) => {
  const out: Record<string, unknown> = {}
  for (const p of projections) {
    const r = await loadReadModel(sink, p)()
    if (isLeft(r)) throw new Error(r.left.message)
    out[p.name] = docs(r.right)
  }
  return out
}
const folded = (
  recorded: Parameters<typeof foldEvents>[1],
  projections: ReadonlyArray<AnyKeyedProjection> = allProjections,
) => Object.fromEntries(projections.map((p) => [p.name, docs(foldEvents(p, recorded) as DocMap<object>)]))

const runner = (o: Partial<ProjectionRunnerOptions> & Pick<ProjectionRunnerOptions, 'store' | 'sink'>) =>
  createProjectionRunner({ projections: allProjections, batchSize: 7, ...o })

const sample = () => {
  const a = journey('y1', 'A', 'a1')
    .register('2025-01-10')
    .offer('2025-01-12', 'p1', 'training', '2025-02-01')
    .transfer('2025-02-10', 'B', 'b1')
    .close('2025-03-01', 'other')
  const b = journey('y2', 'B', 'b1')
    .register('2025-01-11')
    .schedule('2025-01-11', 'f1', '2025-02-01')
    .kept('2025-02-01', 'f1')
  const c = journey('y3', 'A', 'a2')
    .register('2025-02-11')
    .programme('2025-02-12', 'CEJ', '2026-02-12')
    .employment('2025-04-01', 'e1', true)
  return record([a.events, b.events, c.events])
}

describe('projection runner (in-memory store and sink)', () => {
  it('catches up, persists read models and checkpoint, and reports progress and caught-up', async () => {
    const [store, sink] = [newStore(), getInMemoryProjectionSink()]
    const recorded = sample()
    await appendAll(store, recorded)
    const progress: number[] = []
    let caughtUp = 0
    const r = await runner({
      store,
      sink,
      onProgress: (p) => progress.push(p.events),
      onCaughtUp: () => caughtUp++,
    }).catchUp()()
    if (isLeft(r)) throw new Error(r.left.message)
    expect(r.right).toMatchObject({
      events: recorded.length,
      lag: 0,
      checkpoint: BigInt(recorded.length),
      rebuilt: true,
    })
    expect(r.right.batches).toBe(Math.ceil(recorded.length / 7))
    expect(progress[progress.length - 1]).toBe(recorded.length)
    expect(caughtUp).toBe(1)
    expect(await persistedModels(sink)).toEqual(folded(recorded))
  })

  it('resumes from its checkpoint and then applies only what is new', async () => {
    const [store, sink] = [newStore(), getInMemoryProjectionSink()]
    const recorded = sample()
    await appendAll(store, recorded.slice(0, 5))
    expect(isRight(await runner({ store, sink }).catchUp()())).toBe(true)
    await appendAll(store, recorded.slice(5))
    const r = await runner({ store, sink }).catchUp()()
    expect(isRight(r) && r.right).toMatchObject({ events: recorded.length - 5, rebuilt: false })
    expect(await persistedModels(sink)).toEqual(folded(recorded))
  })

  it('holds the stored read models after a run that found nothing new', async () => {
    const [store, sink] = [newStore(), getInMemoryProjectionSink()]
    const recorded = sample()
    await appendAll(store, recorded)
    expect(isRight(await runner({ store, sink }).catchUp()())).toBe(true)
    const restarted = runner({ store, sink })
    const r = await restarted.catchUp()()
    expect(isRight(r) && r.right.events).toBe(0)
    expect(docs(restarted.readModel(dashboardProjection) as DocMap<object>)).toEqual(
      docs(foldEvents(dashboardProjection, recorded) as DocMap<object>),
    )
  })

  it('rebuilds from zero when asked, and when a projection version changes', async () => {
    const [store, sink] = [newStore(), getInMemoryProjectionSink()]
    const recorded = sample()
    await appendAll(store, recorded)
    await runner({ store, sink }).catchUp()()
    const again = await runner({ store, sink }).rebuild()()
    expect(isRight(again) && again.right).toMatchObject({ events: recorded.length, rebuilt: true })
    const bumped = allProjections.map((p) => (p.name === 'dashboard' ? { ...p, version: p.version + 1 } : p))
    const r = await runner({ store, sink, projections: bumped }).catchUp()()
    expect(isRight(r) && r.right).toMatchObject({ events: recorded.length, rebuilt: true })
    expect(await persistedModels(sink)).toEqual(folded(recorded))
  })

  it('refuses a second run while one is going', async () => {
    const [store, sink] = [newStore(), getInMemoryProjectionSink()]
    await appendAll(store, sample())
    const r = runner({ store, sink })
    const [first, second] = await Promise.all([r.catchUp()(), r.catchUp()()])
    expect(isRight(first)).toBe(true)
    expect(isLeft(second) && second.left._tag).toBe('RunnerBusy')
  })

  it('follows live appends until stopped', async () => {
    const [store, sink] = [newStore(), getInMemoryProjectionSink()]
    const recorded = sample()
    await appendAll(store, recorded.slice(0, 4))
    // Stopped once the runner reports every event committed: waiting on that, not on a timer.
    let allCommitted = () => {}
    const committed = new Promise<void>((resolve) => (allCommitted = resolve))
    const live = runner({
      store,
      sink,
      flushAfterMs: 10,
      onProgress: (p) => {
        if (p.events >= recorded.length) allCommitted()
      },
    })
    const following = live.follow()()
    await appendAll(store, recorded.slice(4))
    await committed
    await live.stop()
    const r = await following
    expect(isRight(r) && r.right.events).toBe(recorded.length)
    expect(await persistedModels(sink)).toEqual(folded(recorded))
    expect(docs(live.readModel(dashboardProjection))).toEqual(folded(recorded)['dashboard'])
  })

  it('stops a catch-up between two batches when asked from another task, its checkpoint stored', async () => {
    const [store, sink] = [newStore(), getInMemoryProjectionSink()]
    const recorded = record(
      Array.from(
        { length: 20 },
        (_, i) =>
          journey(`y${i}`, i % 2 === 0 ? 'A' : 'B', 'c1')
            .register('2025-01-10')
            .schedule('2025-01-11', `f${i}`, '2025-02-01')
            .kept('2025-02-01', `f${i}`).events,
      ),
    )
    await appendAll(store, recorded)
    const first = runner({ store, sink })
    const running = first.catchUp()()
    // A signal handler runs as a task of its own, after the run started: so does this stop.
    setImmediate(() => void first.stop())
    const stopped = await running
    expect(isRight(stopped)).toBe(true)
    const done = isRight(stopped) ? stopped.right.events : 0
    expect(done).toBeGreaterThan(0)
    expect(done).toBeLessThan(recorded.length)
    // What it committed is what a restarted runner resumes from: it applies only the rest.
    const resumed = await runner({ store, sink }).catchUp()()
    expect(isRight(resumed) && resumed.right.events).toBe(recorded.length - done)
    expect(await persistedModels(sink)).toEqual(folded(recorded))
  })

  it('gives the same read models after a crash at any commit, before or after the write', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbHistory({ youths: 5 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('before-write' as const, 'after-write' as const),
        async (h, failAt, point) => {
          const [store, sink] = [newStore(), getInMemoryProjectionSink()]
          await appendAll(store, h.recorded)
          const crashed = await runner({
            store,
            sink: failingSink(sink, failAt, point),
            batchSize: 5,
          }).catchUp()()
          expect(isLeft(crashed)).toBe(failAt <= Math.ceil(h.recorded.length / 5))
          const resumed = await runner({ store, sink }).catchUp()()
          expect(isRight(resumed)).toBe(true)
          expect(await persistedModels(sink)).toEqual(folded(h.recorded))
        },
      ),
      { numRuns: 15 },
    )
  })

  it('pages its read models out to the sink and builds the same ones, over crashes, increments and a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbHistory({ youths: 5 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('before-write' as const, 'after-write' as const),
        fc.nat(),
        async (h, failAt, point, cutSeed) => {
          const [store, sink] = [newStore(), getInMemoryProjectionSink()]
          const cut = cutSeed % (h.recorded.length + 1)
          await appendAll(store, h.recorded.slice(0, cut))
          const paged = { holdReadModels: false, batchSize: 5 } as const
          await runner({ store, sink: failingSink(sink, failAt, point), ...paged }).catchUp()()
          expect(isRight(await runner({ store, sink, ...paged }).catchUp()())).toBe(true)
          await appendAll(store, h.recorded.slice(cut))
          const r = runner({ store, sink, ...paged })
          expect(isRight(await r.catchUp()())).toBe(true)
          expect(r.readModel(dashboardProjection)).toBeUndefined()
          expect(await persistedModels(sink)).toEqual(folded(h.recorded))
          // A rebuild over the stored read models replaces them once caught up.
          expect(isRight(await runner({ store, sink, ...paged }).rebuild()())).toBe(true)
          expect(await persistedModels(sink)).toEqual(folded(h.recorded))
        },
      ),
      { numRuns: 15 },
    )
  })

  it('loads the stored documents only when it holds its read models', async () => {
    const [store, inner] = [newStore(), getInMemoryProjectionSink()]
    const recorded = sample()
    await appendAll(store, recorded)
    const asked: Array<boolean | undefined> = []
    const sink: ProjectionSink = {
      ...inner,
      load: (scope, options) => {
        asked.push(options?.documents)
        return inner.load(scope, options)
      },
    }
    expect(isRight(await runner({ store, sink }).catchUp()())).toBe(true)
    // Held: the documents come back from the sink, for `readModel`.
    const held = runner({ store, sink })
    expect(isRight(await held.catchUp()())).toBe(true)
    expect(docs(held.readModel(dashboardProjection))).toEqual(folded(recorded)[dashboardProjection.name])
    // Paged out: only the checkpoint and versions are read; the documents stay in the sink.
    expect(isRight(await runner({ store, sink, holdReadModels: false }).catchUp()())).toBe(true)
    expect(asked).toEqual([true, true, false])
    const stored = await inner.load('default', { documents: false })()
    expect(isRight(stored) && stored.right).toMatchObject({
      checkpoint: BigInt(recorded.length),
      documents: {},
    })
    expect(await persistedModels(inner)).toEqual(folded(recorded))
  })

  it('builds incrementally, over appends arriving between runs, what a rebuild from zero builds', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbHistory({ youths: 5 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (h, cutSeeds) => {
          const [store, sink] = [newStore(), getInMemoryProjectionSink()]
          const n = h.recorded.length
          let from = 0
          for (const cut of [...[...new Set(cutSeeds.map((c) => c % (n + 1)))].sort((a, b) => a - b), n]) {
            await appendAll(store, h.recorded.slice(from, cut))
            from = cut
            expect(isRight(await runner({ store, sink }).catchUp()())).toBe(true)
          }
          const incremental = await persistedModels(sink)
          const rebuildSink = getInMemoryProjectionSink()
          expect(isRight(await runner({ store, sink: rebuildSink }).rebuild()())).toBe(true)
          expect(incremental).toEqual(await persistedModels(rebuildSink))
        },
      ),
      { numRuns: 10 },
    )
  })

  it('splits work between workers by mission locale or by projection without double counting', async () => {
    await fc.assert(
      fc.asyncProperty(arbHistory({ youths: 6, missionLocales: 3 }), async (h) => {
        const store = newStore()
        await appendAll(store, h.recorded)
        const sink = getInMemoryProjectionSink()
        for (const [name, missionLocales] of [
          ['w1', ['ml-1']],
          ['w2', ['ml-2', 'ml-3']],
        ] as const)
          expect(
            isRight(await runner({ store, sink, name, partition: { missionLocales } }).catchUp()()),
          ).toBe(true)
        expect(await persistedModels(sink)).toEqual(folded(h.recorded))
        const split = getInMemoryProjectionSink()
        await runner({ store, sink: split, name: 'dash', projections: [dashboardProjection] }).catchUp()()
        await runner({
          store,
          sink: split,
          name: 'lists',
          projections: [worklistProjection, timelineProjection, cejProjection],
        }).catchUp()()
        expect(await persistedModels(split)).toEqual(folded(h.recorded))
      }),
      { numRuns: 10 },
    )
  })

  it('splits work between any number of shards of the mission locales without double counting', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbHistory({ youths: 6, missionLocales: 4 }),
        fc.integer({ min: 1, max: 4 }),
        async (h, count) => {
          const store = newStore()
          await appendAll(store, h.recorded)
          const sink = getInMemoryProjectionSink()
          for (let index = 0; index < count; index++)
            expect(
              isRight(
                await runner({
                  store,
                  sink,
                  name: `shard-${index}`,
                  partition: { shard: { index, count } },
                }).catchUp()(),
              ),
            ).toBe(true)
          expect(await persistedModels(sink)).toEqual(folded(h.recorded))
        },
      ),
      { numRuns: 10 },
    )
  })

  it('puts every mission locale in exactly one shard, the same one on every call', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 16 }), (locale, count) => {
        const shard = shardOf(locale, count)
        expect(Number.isInteger(shard) && shard >= 0 && shard < count).toBe(true)
        expect(shardOf(locale, count)).toBe(shard)
      }),
    )
  })

  it('commits larger batches while a rebuild catches up from zero, and batchSize ones after', async () => {
    const store = newStore()
    const recorded = sample()
    await appendAll(store, recorded)
    const sink = getInMemoryProjectionSink()
    const large = await runner({ store, sink, batchSize: 2, rebuildBatchSize: 1000 }).rebuild()()
    expect(isRight(large) && large.right.batches).toBe(1)
    const small = await runner({ store, sink: getInMemoryProjectionSink(), batchSize: 2 }).rebuild()()
    expect(isRight(small) && small.right.batches).toBe(Math.ceil(recorded.length / 2))
    expect(await persistedModels(sink)).toEqual(folded(recorded))
  })

  it('gives a transferred journey to the worker of its registration, counted once in the new mission locale', async () => {
    const store = newStore()
    const recorded = sample()
    await appendAll(store, recorded)
    const sink = getInMemoryProjectionSink()
    await runner({ store, sink, name: 'a', partition: { missionLocales: ['A'] } }).catchUp()()
    await runner({ store, sink, name: 'b', partition: { missionLocales: ['B'] } }).catchUp()()
    const merged = await loadReadModel(sink, dashboardProjection)()
    if (isLeft(merged)) throw new Error(merged.left.message)
    expect(queryDashboard(merged.right)).toEqual(queryDashboard(foldEvents(dashboardProjection, recorded)))
    expect(queryDashboard(merged.right, { missionLocaleId: 'B' }).totals.transfers.in).toBe(1)
  })
})

describe('projection runner: a store closing under it', () => {
  it('ends the run with an error rather than a silent stop', async () => {
    const [store, sink] = [newStore(), getInMemoryProjectionSink()]
    await appendAll(store, sample())
    // Closed once the runner has caught up and follows live.
    let caughtUp = () => {}
    const isLive = new Promise<void>((resolve) => (caughtUp = resolve))
    const live = runner({ store, sink, onCaughtUp: () => caughtUp() })
    const following = live.follow()()
    await isLive
    await store.close()
    const r = await following
    expect(isLeft(r) && r.left._tag).toBe('SubscriptionFailed')
  })
})

describe('projection runner: logs', () => {
  it('logs its runs through the given pino logger, without personal data', async () => {
    const [store, sink] = [newStore(), getInMemoryProjectionSink()]
    await appendAll(store, sample())
    const lines: string[] = []
    const destination = new Writable({
      write: (chunk: Buffer, _enc, done) => (lines.push(...chunk.toString().trim().split('\n')), done()),
    })
    await runner({ store, sink, logger: pino({ level: 'info' }, destination) }).catchUp()()
    const logs = lines.map((l) => JSON.parse(l) as { module?: string; msg?: string })
    expect(logs.some((l) => l.module === 'projectionRunner' && l.msg === 'caught up')).toBe(true)
    expect(lines.join('\n')).not.toContain('Y2lwaGVy')
  })
})

describe('projection runner: a store that delivers again what came before the checkpoint', () => {
  it('counts nothing twice', async () => {
    const [inner, sink] = [newStore(), getInMemoryProjectionSink()]
    const atLeastOnce = {
      ...inner,
      subscribe: (o: Parameters<typeof inner.subscribe>[0]) => inner.subscribe({ ...o, from: 'start' }),
    }
    const recorded = sample()
    await appendAll(inner, recorded.slice(0, 6))
    expect(isRight(await runner({ store: atLeastOnce, sink }).catchUp()())).toBe(true)
    await appendAll(inner, recorded.slice(6))
    const r = await runner({ store: atLeastOnce, sink }).catchUp()()
    expect(isRight(r) && r.right.events).toBe(recorded.length - 6)
    expect(await persistedModels(sink)).toEqual(folded(recorded))
  })
})
