import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import type { Either } from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { itemAdded, testEventCodec, type TestEvent } from '@parcours/adapters/testing'
import type { AppendResult, EventStore, ExpectedRevision, StoreError } from '@parcours/domain'
import { getSqliteEventStore } from './sqliteEventStore.js'

type Result = Either<StoreError, AppendResult>

const one = (id: string, sku = id) => [{ id, event: itemAdded(sku) }]

const stored = async (store: EventStore<TestEvent>) => {
  const all = await store.readAll()()
  if (all._tag === 'Left') throw new Error(all.left._tag)
  return all.right.map((e) => ({
    id: e.id,
    streamName: e.streamName,
    revision: e.revision,
    position: e.position,
  }))
}

const ok = (nextExpectedRevision: bigint, position: bigint): Result => ({
  _tag: 'Right',
  right: { nextExpectedRevision, position },
})

/** A `StoreUnavailable` result whose message says `text`. */
const unavailableWith = (text: string) => ({
  _tag: 'Left',
  left: expect.objectContaining({ _tag: 'StoreUnavailable', message: expect.stringContaining(text) }),
})

describe('SQLite group commit', () => {
  let dir: string
  let path: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parcours-group-'))
    path = join(dir, 'events.db')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  /** Runs SQL on the file through a connection of its own (a trigger, a table), after the store made it. */
  const onFile = (sql: string) => {
    const db = new Database(path)
    db.exec(sql)
    db.close()
  }

  it('lands concurrent appends to many streams, each with its own result', async () => {
    const store = getSqliteEventStore({ path, codec: testEventCodec })
    const streams = 64
    const perStream = 5
    const writer = async (s: number) => {
      const results: Array<Result> = []
      for (let n = 0; n < perStream; n++)
        results.push(
          await store.append(`cart-${s}`, n === 0 ? 'no-stream' : BigInt(n - 1), one(`e-${s}-${n}`))(),
        )
      return results
    }
    const results = await Promise.all(Array.from({ length: streams }, (_, s) => writer(s)))
    const all = await stored(store)
    await store.close()

    expect(all).toHaveLength(streams * perStream)
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => BigInt(i + 1)))
    const positionOf = new Map(all.map((e) => [e.id, e.position]))
    results.forEach((mine, s) =>
      mine.forEach((result, n) =>
        expect(result).toEqual(ok(BigInt(n), positionOf.get(`e-${s}-${n}`) ?? -1n)),
      ),
    )
  })

  it('makes two appends to one stream in one batch behave as if made one after the other', async () => {
    const store = getSqliteEventStore({ path, codec: testEventCodec })
    const [first, second, stale] = await Promise.all([
      store.append('cart-1', 'no-stream', one('a'))(),
      store.append('cart-1', 0n, one('b'))(),
      store.append('cart-1', 0n, one('c'))(),
    ])
    const all = await stored(store)
    await store.close()
    expect(first).toEqual(ok(0n, 1n))
    expect(second).toEqual(ok(1n, 2n))
    expect(stale).toEqual({
      _tag: 'Left',
      left: { _tag: 'WrongExpectedRevision', streamName: 'cart-1', expected: 0n, actual: 1n },
    })
    expect(all.map((e) => e.id)).toEqual(['a', 'b'])
  })

  it('fails only the conflicting append of a batch, and a taken event id only its own append', async () => {
    const store = getSqliteEventStore({ path, codec: testEventCodec })
    await store.append('cart-0', 'no-stream', one('taken'))()
    const results = await Promise.all([
      store.append('cart-1', 'no-stream', one('a'))(),
      store.append('cart-0', 'no-stream', one('x'))(),
      // Its first event is new, its second taken: the first must be rolled back with it.
      store.append('cart-2', 'no-stream', [...one('fresh'), ...one('taken')])(),
      store.append('cart-3', 'no-stream', one('taken'))(),
      store.append('cart-4', 'no-stream', one('b'))(),
    ])
    const all = await stored(store)
    await store.close()
    expect(results).toEqual([
      ok(0n, 2n),
      {
        _tag: 'Left',
        left: { _tag: 'WrongExpectedRevision', streamName: 'cart-0', expected: 'no-stream', actual: 0n },
      },
      {
        _tag: 'Left',
        left: {
          _tag: 'WrongExpectedRevision',
          streamName: 'cart-2',
          expected: 'no-stream',
          actual: 'no-stream',
        },
      },
      {
        _tag: 'Left',
        left: {
          _tag: 'WrongExpectedRevision',
          streamName: 'cart-3',
          expected: 'no-stream',
          actual: 'no-stream',
        },
      },
      ok(0n, 3n),
    ])
    expect(all.map((e) => e.id)).toEqual(['taken', 'a', 'b'])
  })

  it('fails only the append whose statement fails, rolling back its earlier events', async () => {
    const store = getSqliteEventStore({ path, codec: testEventCodec })
    await store.append('cart-0', 'no-stream', one('first'))()
    onFile(`CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.event_id LIKE 'refused%'
              BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
    const [good, refused, refusedSecond, after] = await Promise.all([
      store.append('cart-1', 'no-stream', one('a'))(),
      store.append('cart-2', 'no-stream', one('refused-1'))(),
      store.append('cart-3', 'no-stream', [...one('kept-out'), ...one('refused-2')])(),
      store.append('cart-4', 'no-stream', one('b'))(),
    ])
    const all = await stored(store)
    await store.close()
    expect(good).toEqual(ok(0n, 2n))
    expect(after).toEqual(ok(0n, 3n))
    for (const failed of [refused, refusedSecond])
      expect(failed).toEqual(unavailableWith('refused by the test'))
    expect(all.map((e) => e.id)).toEqual(['first', 'a', 'b'])
  })

  it('fails the whole batch, and stores none of it, when a failed append cannot be undone', async () => {
    const store = getSqliteEventStore({ path, codec: testEventCodec })
    await store.append('cart-0', 'no-stream', one('first'))()
    onFile(`CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.event_id LIKE 'refused%'
              BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
            CREATE TRIGGER keep BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'kept by the test'); END`)
    const results = await Promise.all([
      store.append('cart-1', 'no-stream', one('a'))(),
      store.append('cart-3', 'no-stream', [...one('kept-out'), ...one('refused-2')])(),
      store.append('cart-4', 'no-stream', one('b'))(),
    ])
    const all = await stored(store)
    const next = await store.append('cart-1', 'no-stream', one('c'))()
    await store.close()
    for (const failed of results)
      expect(failed).toEqual(unavailableWith('cannot undo a failed append: kept by the test'))
    expect(all.map((e) => e.id)).toEqual(['first'])
    expect(next).toEqual(ok(0n, 2n))
  })

  it('acknowledges nothing and stores nothing of a batch whose commit fails; the next batch lands', async () => {
    const store = getSqliteEventStore({ path, codec: testEventCodec })
    await store.append('cart-0', 'no-stream', one('first'))()
    // A deferred foreign key checked at COMMIT: an event of the stream `poison` makes it fail.
    onFile(`CREATE TABLE parent (id TEXT PRIMARY KEY);
            CREATE TABLE child (id TEXT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
            CREATE TRIGGER poison AFTER INSERT ON events WHEN NEW.stream_name = 'poison'
              BEGIN INSERT INTO child VALUES ('missing'); END`)
    const results = await Promise.all([
      store.append('cart-1', 'no-stream', one('a'))(),
      store.append('poison', 'no-stream', one('p'))(),
      store.append('cart-2', 'no-stream', one('b'))(),
    ])
    const afterFailure = await stored(store)
    const next = await store.append('cart-1', 'no-stream', one('c'))()
    const all = await stored(store)
    await store.close()
    for (const result of results) expect(result).toEqual(unavailableWith('FOREIGN KEY'))
    expect(afterFailure.map((e) => e.id)).toEqual(['first'])
    expect(next).toEqual(ok(0n, 2n))
    expect(all.map((e) => e.id)).toEqual(['first', 'c'])
  })

  it('bounds a transaction by maxBatchAppends: a failed commit fails its own batch only', async () => {
    const store = getSqliteEventStore({ path, codec: testEventCodec, maxBatchAppends: 2 })
    await store.append('cart-0', 'no-stream', one('first'))()
    onFile(`CREATE TABLE parent (id TEXT PRIMARY KEY);
            CREATE TABLE child (id TEXT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
            CREATE TRIGGER poison AFTER INSERT ON events WHEN NEW.stream_name = 'poison'
              BEGIN INSERT INTO child VALUES ('missing'); END`)
    const results = await Promise.all([
      store.append('cart-1', 'no-stream', one('a'))(),
      store.append('cart-2', 'no-stream', one('b'))(),
      store.append('poison', 'no-stream', one('p'))(),
      store.append('cart-3', 'no-stream', one('c'))(),
      store.append('cart-4', 'no-stream', one('d'))(),
    ])
    const all = await stored(store)
    await store.close()
    expect(results.map((r) => (r._tag === 'Right' ? 'ok' : r.left._tag))).toEqual([
      'ok',
      'ok',
      'StoreUnavailable',
      'StoreUnavailable',
      'ok',
    ])
    expect(all.map((e) => e.id)).toEqual(['first', 'a', 'b', 'd'])
  })

  it('bounds a transaction by maxBatchBytes', async () => {
    const store = getSqliteEventStore({ path, codec: testEventCodec, maxBatchBytes: 1 })
    onFile(`CREATE TABLE parent (id TEXT PRIMARY KEY);
            CREATE TABLE child (id TEXT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
            CREATE TRIGGER poison AFTER INSERT ON events WHEN NEW.stream_name = 'poison'
              BEGIN INSERT INTO child VALUES ('missing'); END`)
    const results = await Promise.all([
      store.append('cart-1', 'no-stream', one('a'))(),
      store.append('poison', 'no-stream', one('p'))(),
      store.append('cart-2', 'no-stream', one('b'))(),
    ])
    await store.close()
    expect(results.map((r) => (r._tag === 'Right' ? 'ok' : r.left._tag))).toEqual([
      'ok',
      'StoreUnavailable',
      'ok',
    ])
  })

  it('commits the appends accepted before a close, and refuses those after it', async () => {
    const store = getSqliteEventStore({ path, codec: testEventCodec })
    const pending = store.append('cart-1', 'no-stream', one('a'))()
    const closing = store.close()
    const late = await store.append('cart-1', 0n, one('b'))()
    await closing
    expect(await pending).toEqual(ok(0n, 1n))
    expect(late).toEqual({
      _tag: 'Left',
      left: { _tag: 'StoreUnavailable', message: 'the SQLite event store is closed' },
    })
    const reopened = getSqliteEventStore({ path, codec: testEventCodec })
    const all = await stored(reopened)
    await reopened.close()
    expect(all.map((e) => e.id)).toEqual(['a'])
  })
})

// ---------------------------------------------------------------------------------------------
// property: concurrent appends ≡ the same appends one by one, in the order they were made
// ---------------------------------------------------------------------------------------------

interface Step {
  readonly stream: number
  readonly expected: ExpectedRevision
  readonly ids: ReadonlyArray<number>
  /** Extra microtask hops before the step, so writers interleave differently. */
  readonly hops: number
}

const step: fc.Arbitrary<Step> = fc.record({
  stream: fc.integer({ min: 0, max: 3 }),
  expected: fc.oneof(
    fc.constantFrom<ExpectedRevision>('any', 'no-stream', 'exists'),
    fc.integer({ min: -1, max: 4 }).map((n) => BigInt(n)),
  ),
  // A small pool of ids, so that retries and taken ids happen.
  ids: fc.array(fc.integer({ min: 0, max: 24 }), { minLength: 0, maxLength: 3 }),
  hops: fc.integer({ min: 0, max: 3 }),
})

describe('SQLite group commit, property', () => {
  it('any interleaving of concurrent appends equals the same appends made one by one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(step, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        async (writers, maxBatchAppends) => {
          const concurrent = getSqliteEventStore({ path: ':memory:', codec: testEventCodec, maxBatchAppends })
          const sequential = getSqliteEventStore({ path: ':memory:', codec: testEventCodec })
          const call = (store: EventStore<TestEvent>, s: Step) =>
            store.append(
              `cart-${s.stream}`,
              s.expected,
              s.ids.map((id) => ({ id: `e-${id}`, event: itemAdded(`sku-${id}`) })),
            )()
          // Each writer awaits its own appends; the writers run together. The order of the calls
          // is the order the queue commits them in.
          const order: Array<{ readonly step: Step; result?: Result }> = []
          await Promise.all(
            writers.map(async (steps) => {
              for (const s of steps) {
                for (let h = 0; h < s.hops; h++) await Promise.resolve()
                const slot: { readonly step: Step; result?: Result } = { step: s }
                order.push(slot)
                slot.result = await call(concurrent, s)
              }
            }),
          )
          const sequentialResults: Array<Result> = []
          for (const { step: s } of order) sequentialResults.push(await call(sequential, s))
          const [a, b] = [await stored(concurrent), await stored(sequential)]
          await Promise.all([concurrent.close(), sequential.close()])
          expect(order.map((slot) => slot.result)).toEqual(sequentialResults)
          expect(a).toEqual(b)
        },
      ),
      { numRuns: 60 },
    )
  })
})
