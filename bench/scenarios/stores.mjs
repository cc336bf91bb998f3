// The stores: single-event appends with an exact expected revision (as a command handler makes
// them) with few and many events stored, and reading a stream back and folding it, on the
// in-memory and SQLite stores, beside Emmett's stores and bare loops doing the same work.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite'
import { getInMemoryEventStore, getSqliteEventStore } from '@parcours/adapters'
import { testEventCodec } from '@parcours/adapters/testing'
import Database from 'better-sqlite3'
import { getInMemoryEventStore as getEmmettInMemoryEventStore } from 'emmett-memory'
import { must, peakRssMB, rate, rows, timed } from '../lib/measure.mjs'

const EMMETT_MEMORY = '@event-driven-io/emmett 0.42.0 in-memory'
const EMMETT_SQLITE = '@event-driven-io/emmett-sqlite 0.38.5'
const event = (i) => ({ type: 'ItemAdded', sku: `sku-${i % 97}`, quantity: 1 + (i % 5) })
const emmettEvent = (i) => ({ type: 'ItemAdded', data: { sku: `sku-${i % 97}`, quantity: 1 + (i % 5) } })
const STREAMS = 1000
const tempDir = () => mkdtempSync(join(tmpdir(), 'parcours-bench-'))

// ---------------------------------------------------------------------------------------------
// the workloads, one per store
// ---------------------------------------------------------------------------------------------

/** Parcours: `count` events already stored (10 per stream), then rounds of single-event appends. */
const parcoursAppends = (store) => ({
  prefill: async (count) => {
    for (let done = 0; done < count; done += 10) {
      const batch = Array.from({ length: Math.min(10, count - done) }, (_, i) => ({
        id: randomUUID(),
        event: event(done + i),
      }))
      await must(store.append(`prefill-${done / 10}`, 'no-stream', batch))
    }
  },
  round: (appends) => async (round) => {
    const revisions = new Map()
    const ids = Array.from({ length: appends }, () => randomUUID())
    return timed(async () => {
      for (let i = 0; i < appends; i++) {
        const stream = `bench-${round}-${i % STREAMS}`
        const result = await must(
          store.append(stream, revisions.get(stream) ?? 'no-stream', [{ id: ids[i], event: event(i) }]),
        )
        revisions.set(stream, result.nextExpectedRevision)
      }
      return appends
    })
  },
})

/** Concurrent writers on SQLite: this many streams, each written by its own writer, all at once. */
const WRITERS = 64

/**
 * `appends` single-event appends by WRITERS writers in flight together, each awaiting its own
 * appends in turn (as concurrent command handlers do); `appendOne(stream, expected, i)` appends
 * one event and resolves to the stream's next expected revision (`expected` is undefined for a
 * new stream).
 */
const concurrentRound = (appends, round, appendOne) => {
  const perWriter = Math.ceil(appends / WRITERS)
  return timed(async () => {
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const stream = `bench-${round}-w${w}`
        let expected
        for (let i = 0; i < perWriter; i++) expected = await appendOne(stream, expected, w * perWriter + i)
      }),
    )
    return perWriter * WRITERS
  })
}

/** Parcours with WRITERS concurrent writers (its group commit batches what they append together). */
const parcoursConcurrentAppends = (store) => ({
  prefill: parcoursAppends(store).prefill,
  round: (appends) => (round) =>
    concurrentRound(appends, round, async (stream, expected, i) => {
      const result = await must(
        store.append(stream, expected ?? 'no-stream', [{ id: randomUUID(), event: event(i) }]),
      )
      return result.nextExpectedRevision
    }),
})

/**
 * Runs `f` again while it fails with SQLITE_BUSY, counting the retries in `retries.busy`. With
 * concurrent connections Emmett's rollback after a busy COMMIT (which SQLite rolled back itself)
 * fails in turn with 'no transaction is active', hiding the SQLITE_BUSY: that is the same failure,
 * nothing was stored, and it is retried and counted the same way.
 */
const retryBusy = (retries) => async (f) => {
  for (;;) {
    try {
      return await f()
    } catch (e) {
      const message = String(e?.message ?? e)
      if (
        !message.includes('SQLITE_BUSY') &&
        e?.code !== 'SQLITE_BUSY' &&
        !message.includes('cannot rollback - no transaction is active')
      )
        throw e
      retries.busy++
    }
  }
}

/** Emmett: the same, with its expected stream versions; SQLITE_BUSY is retried and counted. */
const emmettAppends = (store, retries = { busy: 0 }) => {
  const busy = retryBusy(retries)
  return {
    retries,
    prefill: async (count) => {
      for (let done = 0; done < count; done += 10) {
        const batch = Array.from({ length: Math.min(10, count - done) }, (_, i) => emmettEvent(done + i))
        await busy(() => store.appendToStream(`prefill-${done / 10}`, batch))
      }
    },
    round: (appends) => async (round) => {
      const versions = new Map()
      return timed(async () => {
        for (let i = 0; i < appends; i++) {
          const stream = `bench-${round}-${i % STREAMS}`
          const expectedStreamVersion = versions.get(stream) ?? 'STREAM_DOES_NOT_EXIST'
          const r = await busy(() =>
            store.appendToStream(stream, [emmettEvent(i)], { expectedStreamVersion }),
          )
          versions.set(stream, r.nextExpectedStreamVersion)
        }
        return appends
      })
    },
  }
}

/**
 * Emmett with WRITERS concurrent writers on one store, its calls taken one at a time: concurrent
 * calls on one store close its connection under each other (Emmett opens and closes one per
 * call), and a store per writer on the one file spins on SQLITE_BUSY (a quick run of 320 appends
 * did not end in 10 minutes). SQLITE_BUSY is retried and counted.
 */
const emmettConcurrentAppends = (store) => {
  const sequential = emmettAppends(store)
  const busy = retryBusy(sequential.retries)
  let turn = Promise.resolve()
  const oneAtATime = (f) => {
    const mine = turn.then(f)
    turn = mine.catch(() => {})
    return mine
  }
  return {
    retries: sequential.retries,
    prefill: sequential.prefill,
    round: (appends) => (round) =>
      concurrentRound(appends, round, async (stream, expected, i) => {
        const r = await oneAtATime(() =>
          busy(() =>
            store.appendToStream(stream, [emmettEvent(i)], {
              expectedStreamVersion: expected ?? 'STREAM_DOES_NOT_EXIST',
            }),
          ),
        )
        return r.nextExpectedStreamVersion
      }),
  }
}

// The in-memory appends measure the store, not the harness: each round's events, ids and stream
// names are built before it is timed (and a full GC run between), and Parcours, Emmett and the
// bare loop go through one loop: one awaited task per single-event append, the expected revision
// of each stream kept in an array.

/** A round of in-memory appends, built before it is timed: `appends` events over `STREAMS` streams. */
const memoryRoundInput = (round, appends, toEvent) => ({
  names: Array.from({ length: STREAMS }, (_, s) => `bench-${round}-${s}`),
  batches: Array.from({ length: appends }, (_, i) => [toEvent(i)]),
})

/**
 * In-memory appends through one interface, `append(stream, expected, events)` giving a task of an
 * Either (as the `EventStore` port's): `count` events prefilled 10 per stream, then rounds.
 */
const memoryAppends = ({ append, toEvent, noStream }) => ({
  prefill: async (count) => {
    for (let done = 0; done < count; done += 10) {
      const batch = Array.from({ length: Math.min(10, count - done) }, (_, i) => toEvent(done + i))
      await must(append(`prefill-${done / 10}`, noStream, batch))
    }
  },
  round: (appends) => async (round) => {
    const { names, batches } = memoryRoundInput(round, appends, toEvent)
    const revisions = Array.from({ length: STREAMS }, () => noStream)
    // Two full GCs: after one, what was just built is still young, and the round would copy it.
    globalThis.gc?.()
    globalThis.gc?.()
    return timed(async () => {
      for (let i = 0; i < appends; i++) {
        const s = i % STREAMS
        const result = await must(append(names[s], revisions[s], batches[i]))
        revisions[s] = result.nextExpectedRevision
      }
      return appends
    })
  },
})

/** Parcours's in-memory store, events with uuids as a command handler appends them. */
const parcoursMemoryAppends = (store) =>
  memoryAppends({
    append: store.append,
    toEvent: (i) => ({ id: randomUUID(), event: event(i) }),
    noStream: 'no-stream',
  })

/** Emmett's in-memory store, with its expected stream versions. */
const emmettMemoryAppends = (store) =>
  memoryAppends({
    append: (stream, expectedStreamVersion, events) => async () => {
      const r = await store.appendToStream(stream, events, { expectedStreamVersion })
      return { _tag: 'Right', right: { nextExpectedRevision: r.nextExpectedStreamVersion } }
    },
    toEvent: emmettEvent,
    noStream: 'STREAM_DOES_NOT_EXIST',
  })

/**
 * The bare loop: the in-memory store's own work by hand, no library. Checks the payload's fields,
 * the expected revision (a map of streams to their rows) and the ids (a set of every id stored),
 * then keeps a frozen copy of the event in a frozen record with bigint revision and position.
 */
const bareMemoryAppends = () => {
  const streams = new Map()
  const log = []
  const ids = new Set()
  const append = (stream, expected, events) => async () => {
    for (const { event: e } of events)
      if (
        e.type !== 'ItemAdded' ||
        typeof e.sku !== 'string' ||
        !Number.isInteger(e.quantity) ||
        e.quantity < 1
      )
        return { _tag: 'Left', left: 'invalid' }
    let rows = streams.get(stream)
    if (
      (rows === undefined ? -1n : rows[rows.length - 1].revision) !==
      (expected === 'no-stream' ? -1n : expected)
    )
      return { _tag: 'Left', left: 'conflict' }
    // Ids flattened first, as the store does: a uuid is a rope in V8, slow to hash.
    for (const { id } of events)
      if ((void id.charCodeAt(0), ids.has(id))) return { _tag: 'Left', left: 'duplicate' }
    if (rows === undefined) streams.set(stream, (rows = []))
    let stored
    for (const { id, event: e } of events) {
      ids.add(id)
      stored = Object.freeze({
        id,
        stream,
        revision: BigInt(rows.length),
        position: BigInt(log.length + 1),
        event: Object.freeze({ type: e.type, sku: e.sku, quantity: e.quantity }),
      })
      rows.push(stored)
      log.push(stored)
    }
    return { _tag: 'Right', right: { nextExpectedRevision: stored.revision, position: stored.position } }
  }
  return memoryAppends({
    append,
    toEvent: (i) => ({ id: randomUUID(), event: event(i) }),
    noStream: 'no-stream',
  })
}

/** The bare loop on SQLite: better-sqlite3 alone, one IMMEDIATE transaction per append. */
const bareSqliteAppends = (path) => {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  // As the store does: a checkpoint every 10,000 pages.
  db.pragma('wal_autocheckpoint = 10000')
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_name TEXT NOT NULL,
    revision INTEGER NOT NULL, event_type TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (stream_name, revision))`)
  const last = db.prepare('SELECT max(revision) AS r FROM events WHERE stream_name = ?').pluck()
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_name, revision, event_type, data) VALUES (?, ?, ?, ?, ?)',
  )
  const put = db.transaction((stream, expected, events) => {
    let revision = last.get(stream) ?? -1
    if (revision !== expected) throw new Error('conflict')
    for (const e of events) insert.run(randomUUID(), stream, ++revision, e.type, JSON.stringify(e))
    return revision
  })
  return {
    db,
    put,
    prefill: async (count) => {
      for (let done = 0; done < count; done += 10)
        put.immediate(
          `prefill-${done / 10}`,
          -1,
          Array.from({ length: Math.min(10, count - done) }, (_, i) => event(done + i)),
        )
    },
    round: (appends) => async (round) => {
      const revisions = new Map()
      return timed(async () => {
        for (let i = 0; i < appends; i++) {
          const stream = `bench-${round}-${i % STREAMS}`
          revisions.set(stream, put.immediate(stream, revisions.get(stream) ?? -1, [event(i)]))
        }
        return appends
      })
    },
  }
}

/**
 * The bare loop on SQLite with WRITERS concurrent writers, batching the same way as group commit:
 * the appends queued in one turn (a microtask) go into one IMMEDIATE transaction, each in its own
 * savepoint (better-sqlite3's nested transaction), each promise settled after the COMMIT.
 */
const bareSqliteGroupCommit = (path) => {
  const sequential = bareSqliteAppends(path)
  let queue = []
  const commit = sequential.db.transaction((batch) =>
    batch.map(({ stream, expected, i }) => {
      try {
        return { revision: sequential.put(stream, expected, [event(i)]) }
      } catch (error) {
        return { error }
      }
    }),
  )
  const flush = () => {
    const batch = queue
    queue = []
    const results = commit.immediate(batch)
    batch.forEach((q, k) =>
      results[k].error === undefined ? q.resolve(results[k].revision) : q.reject(results[k].error),
    )
  }
  return {
    db: sequential.db,
    prefill: sequential.prefill,
    round: (appends) => (round) =>
      concurrentRound(
        appends,
        round,
        (stream, expected, i) =>
          new Promise((resolve, reject) => {
            if (queue.push({ stream, expected: expected ?? -1, i, resolve, reject }) === 1)
              queueMicrotask(flush)
          }),
      ),
  }
}

// ---------------------------------------------------------------------------------------------
// the cases
// ---------------------------------------------------------------------------------------------

const appendCase = ({ name, size, appends, rounds, open, peers }) => ({
  name: `${name} (${size.toLocaleString('en')} stored)`,
  run: async () => {
    const ours = await open()
    await ours.workload.prefill(size)
    const oursRate = await rate(ours.workload.round(appends), rounds)
    const rss = peakRssMB()
    await ours.dispose()
    const measured = []
    for (const p of peers) {
      const peer = await p.open()
      await peer.workload.prefill(p.size ?? size)
      measured.push({
        peer: p.peer,
        opsPerSec: await rate(peer.workload.round(p.appends ?? appends), rounds),
        ...(peer.extra?.() ?? {}),
      })
      await peer.dispose()
    }
    return rows(name, size, oursRate, rss, measured, { unit: 'appends/s' })
  },
})

// The in-memory store is let go once measured, so that its events do not weigh on the peers' GC.
const memoryStore = () => {
  let store = getInMemoryEventStore({ codec: testEventCodec })
  const workload = parcoursMemoryAppends({ append: (...args) => store.append(...args) })
  return { workload, dispose: async () => (await store.close(), (store = undefined)) }
}
const sqliteStore = (workloadOf = parcoursAppends) => {
  const dir = tempDir()
  const store = getSqliteEventStore({ path: join(dir, 'events.db'), codec: testEventCodec })
  return {
    workload: workloadOf(store),
    dispose: async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
const emmettMemory = () => ({
  workload: emmettMemoryAppends(getEmmettInMemoryEventStore()),
  dispose: async () => {},
})
const emmettSqlite = (workloadOf = emmettAppends) => {
  const dir = tempDir()
  const store = getSQLiteEventStore({
    fileName: join(dir, 'emmett.db'),
    schema: { autoMigration: 'CreateOrUpdate' },
  })
  const workload = workloadOf(store)
  return {
    workload,
    extra: () => ({ peerSqliteBusyRetries: workload.retries.busy }),
    dispose: async () => {
      await store.close?.()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
const bareMemory = () => ({ workload: bareMemoryAppends(), dispose: async () => {} })
const bareSqlite = (workloadOf = bareSqliteAppends) => {
  const dir = tempDir()
  const workload = workloadOf(join(dir, 'bare.db'))
  return {
    workload,
    dispose: async () => {
      workload.db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

// Read-and-fold: read each of `streams` streams of `length` events back and fold it (the cart's
// total quantity), as a command handler rebuilds its state.
const foldCart = (total, e) => (e.type === 'ItemAdded' ? total + e.quantity : total)
const readFoldCase = ({ name, streams, length, rounds, openOurs, peers }) => ({
  name: `${name} (${streams} streams of ${length})`,
  run: async () => {
    const events = streams * length
    const fill = async (append) => {
      for (let s = 0; s < streams; s++)
        await append(
          `cart-${s}`,
          Array.from({ length }, (_, i) => event(s + i)),
        )
    }
    const checksum = (total) => {
      if (total === 0) throw new Error('nothing folded')
    }
    const ours = await openOurs()
    await fill((stream, batch) =>
      must(
        ours.store.append(
          stream,
          'no-stream',
          batch.map((e) => ({ id: randomUUID(), event: e })),
        ),
      ),
    )
    const oursRate = await rate(
      () =>
        timed(async () => {
          let total = 0
          for (let s = 0; s < streams; s++) {
            const read = await must(ours.store.readStream(`cart-${s}`))
            let state = 0
            for (const r of read) state = foldCart(state, r.event)
            total += state
          }
          checksum(total)
          return events
        }),
      rounds,
    )
    const rss = peakRssMB()
    await ours.dispose()
    const measured = []
    for (const p of peers) {
      const peer = await p.open()
      await fill(peer.append)
      measured.push({
        peer: p.peer,
        opsPerSec: await rate(
          () => timed(async () => (checksum(await peer.foldAll(streams)), events)),
          rounds,
        ),
      })
      await peer.dispose()
    }
    return rows(name, events, oursRate, rss, measured, { unit: 'events/s' })
  },
})

const emmettFold = (store, retries = { busy: 0 }) => ({
  retries,
  append: (stream, batch) =>
    retryBusy(retries)(() =>
      store.appendToStream(
        stream,
        batch.map((e) => ({ type: e.type, data: { sku: e.sku, quantity: e.quantity } })),
      ),
    ),
  foldAll: async (streams) => {
    let total = 0
    for (let s = 0; s < streams; s++) {
      const { state } = await retryBusy(retries)(() =>
        store.aggregateStream(`cart-${s}`, {
          initialState: () => 0,
          evolve: (t, e) => (e.type === 'ItemAdded' ? t + e.data.quantity : t),
        }),
      )
      total += state
    }
    return total
  },
})

export const cases = ({ quick }) => {
  const rounds = quick ? 3 : 5
  const memorySizes = quick ? [10_000, 1_000_000] : [10_000, 100_000, 1_000_000]
  const sqliteSizes = quick ? [1_000, 100_000] : [1_000, 100_000, 1_000_000]
  const bareMemoryPeer = { peer: 'bare loop (Map of arrays, Set of ids)', open: bareMemory }
  const bareSqlitePeer = { peer: 'bare loop (better-sqlite3 alone)', open: () => bareSqlite() }
  return [
    ...memorySizes.map((size) =>
      appendCase({
        name: 'in-memory append',
        size,
        appends: quick ? 20_000 : 50_000,
        rounds,
        open: memoryStore,
        // Emmett's in-memory append slows as it grows: it is measured at the smallest size only.
        peers:
          size === memorySizes[0]
            ? [{ peer: EMMETT_MEMORY, open: emmettMemory, appends: 2_000 }, bareMemoryPeer]
            : [bareMemoryPeer],
      }),
    ),
    ...sqliteSizes.map((size) =>
      appendCase({
        name: 'SQLite append',
        size,
        appends: quick ? 2_000 : 5_000,
        rounds,
        open: () => sqliteStore(),
        peers:
          size === sqliteSizes[0]
            ? [{ peer: EMMETT_SQLITE, open: () => emmettSqlite(), appends: 300 }, bareSqlitePeer]
            : [bareSqlitePeer],
      }),
    ),
    ...sqliteSizes.map((size) =>
      appendCase({
        name: `SQLite append, ${WRITERS} concurrent writers`,
        size,
        appends: quick ? 6_400 : 25_600,
        rounds,
        open: () => sqliteStore(parcoursConcurrentAppends),
        peers: [
          ...(size === sqliteSizes[0]
            ? [
                {
                  peer: `${EMMETT_SQLITE} (its calls one at a time)`,
                  open: () => emmettSqlite(emmettConcurrentAppends),
                  appends: 320,
                },
              ]
            : []),
          {
            peer: 'bare loop (better-sqlite3 alone, the appends queued together in one transaction)',
            open: () => bareSqlite(bareSqliteGroupCommit),
          },
        ],
      }),
    ),
    readFoldCase({
      name: 'in-memory read and fold',
      streams: 400,
      length: 50,
      rounds,
      openOurs: () => {
        const store = getInMemoryEventStore({ codec: testEventCodec })
        return { store, dispose: () => store.close() }
      },
      peers: [
        {
          peer: EMMETT_MEMORY,
          open: () => ({ ...emmettFold(getEmmettInMemoryEventStore()), dispose: async () => {} }),
        },
        {
          peer: 'bare loop (Map of frozen arrays)',
          open: () => {
            const streams = new Map()
            return {
              append: async (stream, batch) =>
                streams.set(
                  stream,
                  Object.freeze(batch.map((e) => Object.freeze({ event: Object.freeze({ ...e }) }))),
                ),
              foldAll: async (n) => {
                let total = 0
                for (let s = 0; s < n; s++) {
                  let state = 0
                  for (const r of streams.get(`cart-${s}`)) state = foldCart(state, r.event)
                  total += state
                }
                return total
              },
              dispose: async () => {},
            }
          },
        },
      ],
    }),
    readFoldCase({
      name: 'SQLite read and fold, cache off',
      streams: 400,
      length: 50,
      rounds,
      openOurs: () => {
        const dir = tempDir()
        const store = getSqliteEventStore({
          path: join(dir, 'events.db'),
          codec: testEventCodec,
          cacheSize: 0,
        })
        return {
          store,
          dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })),
        }
      },
      peers: [],
    }),
    readFoldCase({
      name: 'SQLite read and fold',
      streams: 400,
      length: 50,
      rounds,
      openOurs: () => {
        const dir = tempDir()
        const store = getSqliteEventStore({ path: join(dir, 'events.db'), codec: testEventCodec })
        return {
          store,
          dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })),
        }
      },
      peers: [
        {
          peer: EMMETT_SQLITE,
          open: () => {
            const dir = tempDir()
            const store = getSQLiteEventStore({
              fileName: join(dir, 'emmett.db'),
              schema: { autoMigration: 'CreateOrUpdate' },
            })
            return {
              ...emmettFold(store),
              dispose: async () => (await store.close?.(), rmSync(dir, { recursive: true, force: true })),
            }
          },
        },
        {
          peer: 'bare loop (better-sqlite3 alone, JSON.parse)',
          open: () => {
            const dir = tempDir()
            const { db } = bareSqliteAppends(join(dir, 'bare.db'))
            const insert = db.prepare(
              'INSERT INTO events (event_id, stream_name, revision, event_type, data) VALUES (?, ?, ?, ?, ?)',
            )
            const read = db.prepare('SELECT data FROM events WHERE stream_name = ? ORDER BY revision').pluck()
            return {
              append: async (stream, batch) =>
                db.transaction(() =>
                  batch.forEach((e, i) => insert.run(randomUUID(), stream, i, e.type, JSON.stringify(e))),
                )(),
              foldAll: async (n) => {
                let total = 0
                for (let s = 0; s < n; s++) {
                  let state = 0
                  for (const data of read.all(`cart-${s}`)) state = foldCart(state, JSON.parse(data))
                  total += state
                }
                return total
              },
              dispose: async () => (db.close(), rmSync(dir, { recursive: true, force: true })),
            }
          },
        },
      ],
    }),
  ]
}
