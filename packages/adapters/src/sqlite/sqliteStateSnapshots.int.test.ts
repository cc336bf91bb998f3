import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { right } from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { itemAdded, testEventCodec, type TestEvent } from '@parcours/adapters/testing'
import type { Decider } from '@parcours/domain'
import { createCommandHandler } from '../commandHandling/createCommandHandler.js'
import { eventIdDigest } from '../commandHandling/eventIdFor.js'
import type { StateSnapshot } from '../commandHandling/stateSnapshots.js'
import { storeConnectionOf } from './connections.js'
import { rewriteStoredEvents } from './rewriteStoredEvents.js'
import { getSqliteEventStore } from './sqliteEventStore.js'
import { getSqliteStateSnapshots } from './sqliteStateSnapshots.js'

interface Cart {
  readonly items: ReadonlyArray<string>
}

const snapshotOf = (
  streamName: string,
  revision: bigint,
  items: ReadonlyArray<string>,
): StateSnapshot<Cart> => ({
  streamName,
  revision,
  lastEventId: `${streamName}-${revision}`,
  lastEventPosition: 100n + revision,
  state: { items },
  idDigests: [`${streamName}-0`, `${streamName}-${revision}`].map(eventIdDigest),
})

describe('SQLite state snapshots', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parcours-snapshots-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const load = async (snapshots: ReturnType<typeof getSqliteStateSnapshots<Cart>>, stream: string) => {
    const r = await snapshots.load(stream)()
    if (r._tag === 'Left') throw new Error(r.left._tag)
    return r.right
  }

  it('finds a save at once, writes those of a turn together, and reads them back from the file', async () => {
    const path = join(dir, 'store.db')
    const snapshots = getSqliteStateSnapshots<Cart>({ path, version: 'cart-1' })
    snapshots.save(snapshotOf('cart-a', 2n, ['x', 'y']))
    snapshots.save(snapshotOf('cart-b', 0n, []))
    snapshots.save(snapshotOf('cart-a', 3n, ['x', 'y', 'z']))
    expect(await load(snapshots, 'cart-a')).toEqual(snapshotOf('cart-a', 3n, ['x', 'y', 'z']))
    // The two streams' last saves, in one transaction.
    expect(await snapshots.flush()()).toEqual({ _tag: 'Right', right: 2 })
    expect(await snapshots.flush()()).toEqual({ _tag: 'Right', right: 0 })
    await snapshots.close()

    const again = getSqliteStateSnapshots<Cart>({ path, version: 'cart-1' })
    expect(await load(again, 'cart-a')).toEqual(snapshotOf('cart-a', 3n, ['x', 'y', 'z']))
    expect(await load(again, 'cart-b')).toEqual(snapshotOf('cart-b', 0n, []))
    expect(await load(again, 'cart-c')).toBeUndefined()
    await again.close()
  })

  it('writes what is saved when it closes', async () => {
    const path = join(dir, 'store.db')
    const snapshots = getSqliteStateSnapshots<Cart>({ path, version: 'cart-1' })
    snapshots.save(snapshotOf('cart-a', 5n, ['x']))
    await snapshots.close()
    const db = new Database(path, { readonly: true })
    expect(
      db.prepare('SELECT stream_name, revision, last_position, version FROM state_snapshots').all(),
    ).toEqual([{ stream_name: 'cart-a', revision: 5, last_position: 105, version: 'cart-1' }])
    db.close()
  })

  it('loads no snapshot of another state version, and replaces it at the next save', async () => {
    const path = join(dir, 'store.db')
    const old = getSqliteStateSnapshots<Cart>({ path, version: 'cart-1' })
    old.save(snapshotOf('cart-a', 5n, ['x']))
    await old.close()
    const current = getSqliteStateSnapshots<Cart>({ path, version: 'cart-2' })
    expect(await load(current, 'cart-a')).toBeUndefined()
    current.save(snapshotOf('cart-a', 1n, ['y']))
    await current.close()
    const reopened = getSqliteStateSnapshots<Cart>({ path, version: 'cart-2' })
    expect(await load(reopened, 'cart-a')).toEqual(snapshotOf('cart-a', 1n, ['y']))
    await reopened.close()
  })

  it('ignores a snapshot it cannot parse, or of another shape', async () => {
    const path = join(dir, 'store.db')
    const snapshots = getSqliteStateSnapshots<Cart>({ path, version: 'cart-1' })
    snapshots.save(snapshotOf('cart-a', 5n, ['x']))
    await snapshots.flush()()
    for (const broken of [
      '{not json',
      '{"state":{"items":[]}}',
      '{"state":{},"ids":[1]}',
      '{"state":{},"idDigests":["a"]}',
      '{"state":{},"idDigests":[1.5]}',
      '{"state":{},"idDigests":[4294967296]}',
      '[]',
    ]) {
      const db = new Database(path)
      db.prepare('UPDATE state_snapshots SET snapshot = ?').run(broken)
      db.close()
      expect(await load(snapshots, 'cart-a')).toBeUndefined()
    }
    await snapshots.close()
  })

  it('reads a snapshot written with the ids themselves, as their digests', async () => {
    const path = join(dir, 'store.db')
    const snapshots = getSqliteStateSnapshots<Cart>({ path, version: 'cart-1' })
    snapshots.save(snapshotOf('cart-a', 5n, ['x']))
    await snapshots.flush()()
    const db = new Database(path)
    db.prepare('UPDATE state_snapshots SET snapshot = ?').run(
      JSON.stringify({ state: { items: ['x'] }, ids: ['cart-a-0', 'cart-a-5'] }),
    )
    db.close()
    expect(await load(snapshots, 'cart-a')).toEqual(snapshotOf('cart-a', 5n, ['x']))
    await snapshots.close()
  })

  it('reports a file it cannot open on load, and takes saves without throwing', async () => {
    const snapshots = getSqliteStateSnapshots<Cart>({
      path: join(dir, 'missing', 'store.db'),
      version: 'cart-1',
    })
    expect(await snapshots.load('cart-a')()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'StoreUnavailable', message: expect.stringMatching(/cannot open the state snapshots/) },
    })
    expect(() => snapshots.save(snapshotOf('cart-a', 1n, []))).not.toThrow()
    expect(await snapshots.flush()()).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } })
    await snapshots.close()
  })

  it('shares the event store file, and goes with the events a migration rewrites', async () => {
    const path = join(dir, 'store.db')
    const store = getSqliteEventStore({ path, codec: testEventCodec })
    await store.append('cart-a', 'no-stream', [{ id: 'cart-a-0', event: itemAdded('x') }])()
    await store.close()
    const snapshots = getSqliteStateSnapshots<Cart>({ path, version: 'cart-1' })
    snapshots.save(snapshotOf('cart-a', 0n, ['x']))
    await snapshots.close()

    // Rewriting no event leaves them; rewriting one deletes them all.
    expect(rewriteStoredEvents(path, [])).toEqual({ _tag: 'Right', right: 0 })
    const kept = getSqliteStateSnapshots<Cart>({ path, version: 'cart-1' })
    expect(await load(kept, 'cart-a')).toEqual(snapshotOf('cart-a', 0n, ['x']))
    await kept.close()
    expect(
      rewriteStoredEvents(path, [{ position: 1, schemaVersion: 1, data: { sku: 'x', quantity: 1 } }]),
    ).toEqual({
      _tag: 'Right',
      right: 1,
    })
    const after = getSqliteStateSnapshots<Cart>({ path, version: 'cart-1' })
    expect(await load(after, 'cart-a')).toBeUndefined()
    await after.close()
  })

  it("on the store's connection: saves and loads, and writes without making the store's connection read the file again", async () => {
    const path = join(dir, 'store.db')
    const store = getSqliteEventStore({ path, codec: testEventCodec })
    await store.append('cart-a', 'no-stream', [{ id: 'cart-a-0', event: itemAdded('x') }])()
    const connection = storeConnectionOf(store)?.()
    if (connection === undefined) throw new Error('no connection')
    // data_version changes on a connection only when another connection committed to the file.
    const changedByAnother = (() => {
      let last = connection.pragma('data_version', { simple: true })
      return () => {
        const now = connection.pragma('data_version', { simple: true })
        const changed = now !== last
        last = now
        return changed
      }
    })()
    const shared = getSqliteStateSnapshots<Cart>({ store, version: 'cart-1' })
    shared.save(snapshotOf('cart-a', 0n, ['x']))
    expect(await shared.flush()()).toEqual({ _tag: 'Right', right: 1 })
    expect(changedByAnother()).toBe(false)
    const ownFile = getSqliteStateSnapshots<Cart>({ path, version: 'cart-1' })
    ownFile.save(snapshotOf('cart-b', 0n, []))
    expect(await ownFile.flush()()).toEqual({ _tag: 'Right', right: 1 })
    expect(changedByAnother()).toBe(true)
    await ownFile.close()

    expect(await load(shared, 'cart-b')).toEqual(snapshotOf('cart-b', 0n, []))
    // Closing them leaves the store open.
    shared.save(snapshotOf('cart-a', 1n, ['x', 'y']))
    await shared.close()
    expect(await store.append('cart-a', 0n, [{ id: 'cart-a-1', event: itemAdded('y') }])()).toMatchObject({
      _tag: 'Right',
    })
    await store.close()
    const again = getSqliteStateSnapshots<Cart>({ path, version: 'cart-1' })
    expect(await load(again, 'cart-a')).toEqual(snapshotOf('cart-a', 1n, ['x', 'y']))
    await again.close()
  })

  it('answers StoreUnavailable without a store or a path, with both, with another object, and once the store is closed', async () => {
    const path = join(dir, 'store.db')
    const store = getSqliteEventStore({ path, codec: testEventCodec })
    const unavailable = async (options: Parameters<typeof getSqliteStateSnapshots>[0], message: RegExp) => {
      const snapshots = getSqliteStateSnapshots<Cart>(options)
      expect(await snapshots.load('cart-a')()).toMatchObject({
        _tag: 'Left',
        left: { _tag: 'StoreUnavailable', message: expect.stringMatching(message) },
      })
      await snapshots.close()
    }
    await unavailable({ version: 'cart-1' }, /either a SQLite event store \(store\) or a file \(path\)/)
    await unavailable({ store, path, version: 'cart-1' }, /not both/)
    await unavailable({ store: { ...store }, version: 'cart-1' }, /a store made by getSqliteEventStore/)

    const shared = getSqliteStateSnapshots<Cart>({ store, version: 'cart-1' })
    await store.close()
    await unavailable({ store, version: 'cart-1' }, /the SQLite event store is closed/)
    expect(await shared.load('cart-a')()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'StoreUnavailable', message: expect.stringMatching(/the SQLite event store is closed/) },
    })
    shared.save(snapshotOf('cart-a', 0n, []))
    expect(await shared.flush()()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'StoreUnavailable', message: expect.stringMatching(/the SQLite event store is closed/) },
    })
    await shared.close()
  })

  it.each(['store', 'path'] as const)(
    'a handler in a new process answers a re-sent command from the file alone, reading only past the snapshot (snapshots by %s)',
    async (where) => {
      const path = join(dir, 'store.db')
      // A cart that only takes items: its state lists their skus.
      const decider: Decider<{ readonly sku: string }, Cart, TestEvent, never> = {
        initialState: { items: [] },
        evolve: (state, event) =>
          event.type === 'ItemAdded' ? { items: [...state.items, event.sku] } : state,
        decide: (command) => right([itemAdded(command.sku)]),
      }
      const open = () => {
        const store = getSqliteEventStore({ path, codec: testEventCodec })
        const snapshots = getSqliteStateSnapshots<Cart>(
          where === 'store' ? { store, version: 'cart-1' } : { path, version: 'cart-1' },
        )
        const reads: Array<bigint | undefined> = []
        const handle = createCommandHandler({
          store: {
            ...store,
            readStream: (name, o) => (reads.push(o?.fromRevision), store.readStream(name, o)),
          },
          decider,
          streamName: () => 'cart-a',
          snapshots,
          snapshotEvery: 2,
        })
        return { handle, reads, close: async () => (await snapshots.close(), await store.close()) }
      }
      const first = open()
      const results = []
      for (const sku of ['x', 'y', 'z'])
        results.push(await first.handle({ commandId: `add-${sku}`, command: { sku } })())
      await first.close()

      const second = open()
      const again = await second.handle({ commandId: 'add-x', command: { sku: 'x' } })()
      const more = await second.handle({ commandId: 'add-w', command: { sku: 'w' } })()
      await second.close()
      if (again._tag === 'Left' || more._tag === 'Left' || results[0]?._tag !== 'Right')
        throw new Error('refused')
      expect(again.right.replayed).toBe(true)
      expect(again.right.events.map((e) => [e.id, e.revision])).toEqual(
        results[0].right.events.map((e) => [e.id, e.revision]),
      )
      expect(more.right.events.map((e) => [e.revision, e.event])).toEqual([[3n, itemAdded('w')]])
      // The snapshot (revision 1, saved at the second command) and the events from there; the whole
      // stream once, to hand back the re-sent command's events; then only past the cached revision.
      expect(second.reads).toEqual([1n, undefined, 3n])
    },
  )
})
