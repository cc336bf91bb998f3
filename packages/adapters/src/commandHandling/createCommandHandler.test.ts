import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { left, right } from 'fp-ts/lib/Either.js'
import { v5 as uuidV5 } from 'uuid'
import { describe, expect, it } from 'vitest'
import {
  cartCheckedOut,
  itemAdded,
  itemRemoved,
  testEventCodec,
  type TestEvent,
} from '@parcours/adapters/testing'
import type { Decider, EventStore } from '@parcours/domain'
import { getInMemoryEventStore } from '../memory/index.js'
import { createCommandHandler } from './createCommandHandler.js'
import { eventIdDigest, eventIdFor } from './eventIdFor.js'
import { getInMemoryStateSnapshots, type StateSnapshots } from './stateSnapshots.js'

// ---------------------------------------------------------------------------------------------
// a small cart decider over the conformance suite's events
// ---------------------------------------------------------------------------------------------

type CartCommand =
  | { readonly type: 'Add'; readonly cart: string; readonly sku: string }
  | { readonly type: 'Remove'; readonly cart: string; readonly sku: string }
  | { readonly type: 'CheckOut'; readonly cart: string }
type CartError = 'CartClosed' | 'NotInCart' | 'EmptyCart'
interface Cart {
  readonly items: ReadonlyArray<string>
  readonly closed: boolean
}

const cartDecider: Decider<CartCommand, Cart, TestEvent, CartError> = {
  initialState: { items: [], closed: false },
  evolve: (state, event) => {
    switch (event.type) {
      case 'ItemAdded':
        return { ...state, items: [...state.items, event.sku] }
      case 'ItemRemoved':
        return { ...state, items: state.items.filter((sku) => sku !== event.sku) }
      case 'CartCheckedOut':
        return { ...state, closed: true }
    }
  },
  decide: (command, state) => {
    if (state.closed) return left('CartClosed')
    switch (command.type) {
      case 'Add':
        return right([itemAdded(command.sku)])
      case 'Remove':
        return state.items.includes(command.sku) ? right([itemRemoved(command.sku)]) : left('NotInCart')
      case 'CheckOut':
        return state.items.length === 0
          ? left('EmptyCart')
          : right([...state.items.map(itemRemoved), cartCheckedOut(100 * state.items.length)])
    }
  },
}

const setup = (
  overrides: { store?: EventStore<TestEvent>; maxRetries?: number; sleeps?: Array<number> } = {},
) => {
  const store = overrides.store ?? getInMemoryEventStore({ codec: testEventCodec })
  const sleeps = overrides.sleeps ?? []
  const handle = createCommandHandler({
    store,
    decider: cartDecider,
    streamName: (c: CartCommand) => `cart-${c.cart}`,
    metadata: () => ({ tenant: 'ml-1' }),
    ...(overrides.maxRetries === undefined ? {} : { maxRetries: overrides.maxRetries }),
    backoff: { baseMs: 8, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) },
  })
  return { store, handle, sleeps }
}

const readIds = async (store: EventStore<TestEvent>, stream: string) => {
  const read = await store.readStream(stream)()
  if (read._tag === 'Left') throw new Error(read.left._tag)
  return read.right
}

/** A store whose appends first let a rival writer append to the same stream, `rivals` times. */
const withRivals = (store: EventStore<TestEvent>, rivals: number): EventStore<TestEvent> => {
  let left_ = rivals
  return {
    ...store,
    append: (stream, expected, events) => async () => {
      if (left_ > 0) {
        left_ -= 1
        await store.append(stream, 'any', [{ id: randomUUID(), event: itemAdded('rival') }])()
      }
      return store.append(stream, expected, events)()
    },
  }
}

describe('createCommandHandler', () => {
  it('reads, decides and appends, with ids derived from the command id and its metadata', async () => {
    const { store, handle } = setup()
    await handle({ commandId: 'c-1', command: { type: 'Add', cart: '1', sku: 'a' } })()
    const result = await handle({
      commandId: 'c-2',
      command: { type: 'CheckOut', cart: '1' },
      correlationId: 'corr-9',
    })()
    if (result._tag === 'Left') throw new Error(result.left._tag)
    expect(result.right.events.map((e) => e.event)).toEqual([itemRemoved('a'), cartCheckedOut(100)])
    expect(result.right.events.map((e) => e.id)).toEqual([eventIdFor('c-2', 0), eventIdFor('c-2', 1)])
    expect(result.right.nextExpectedRevision).toBe(2n)
    expect(result.right.replayed).toBe(false)
    const stored = await readIds(store, 'cart-1')
    expect(stored.map((e) => e.metadata)).toEqual([
      { tenant: 'ml-1', correlationId: 'c-1', causationId: 'c-1' },
      { tenant: 'ml-1', correlationId: 'corr-9', causationId: 'c-2' },
      { tenant: 'ml-1', correlationId: 'corr-9', causationId: 'c-2' },
    ])
    expect(result.right.position).toBe(stored[2]?.position)
  })

  it('returns a rejection as a Rejected error and writes nothing', async () => {
    const { store, handle } = setup()
    const result = await handle({ commandId: 'c-1', command: { type: 'Remove', cart: '2', sku: 'a' } })()
    expect(result).toEqual({ _tag: 'Left', left: { _tag: 'Rejected', error: 'NotInCart' } })
    expect(await readIds(store, 'cart-2')).toEqual([])
  })

  it('answers a re-sent command with its first result and writes nothing, even once the state has moved on', async () => {
    const { store, handle } = setup()
    await handle({ commandId: 'c-1', command: { type: 'Add', cart: '3', sku: 'a' } })()
    const first = await handle({ commandId: 'c-2', command: { type: 'CheckOut', cart: '3' } })()
    const again = await handle({ commandId: 'c-2', command: { type: 'CheckOut', cart: '3' } })()
    if (first._tag === 'Left' || again._tag === 'Left') throw new Error('expected success')
    expect(again.right).toEqual({ ...first.right, replayed: true })
    expect(await readIds(store, 'cart-3')).toHaveLength(3)
  })

  it('retries after conflicts with jittered, growing backoff and then succeeds', async () => {
    const base = getInMemoryEventStore({ codec: testEventCodec })
    const { handle, sleeps } = setup({ store: withRivals(base, 3) })
    const result = await handle({ commandId: 'c-1', command: { type: 'Add', cart: '4', sku: 'a' } })()
    expect(result).toMatchObject({ _tag: 'Right', right: { nextExpectedRevision: 3n } })
    expect(sleeps).toEqual([4, 8, 16])
    expect((await readIds(base, 'cart-4')).map((e) => e.event)).toEqual([
      itemAdded('rival'),
      itemAdded('rival'),
      itemAdded('rival'),
      itemAdded('a'),
    ])
  })

  it('gives up after maxRetries with a ConcurrencyConflict naming stream, attempts, expected and actual', async () => {
    const base = getInMemoryEventStore({ codec: testEventCodec })
    const { handle } = setup({ store: withRivals(base, 100), maxRetries: 2 })
    const result = await handle({ commandId: 'c-1', command: { type: 'Add', cart: '5', sku: 'a' } })()
    expect(result).toEqual({
      _tag: 'Left',
      left: { _tag: 'ConcurrencyConflict', streamName: 'cart-5', attempts: 3, expected: 1n, actual: 2n },
    })
    expect(
      (await readIds(base, 'cart-5')).every((e) => e.event.type === 'ItemAdded' && e.event.sku === 'rival'),
    ).toBe(true)
  })

  it('makes one attempt, never none, when maxRetries is below zero', async () => {
    const base = getInMemoryEventStore({ codec: testEventCodec })
    const { handle } = setup({ store: withRivals(base, 100), maxRetries: -1 })
    const result = await handle({ commandId: 'c-1', command: { type: 'Add', cart: '7', sku: 'a' } })()
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'ConcurrencyConflict', attempts: 1 } })
  })

  it('builds its result from the append: the events, revisions and position the store holds', async () => {
    const { store, handle } = setup()
    await handle({ commandId: 'c-1', command: { type: 'Add', cart: '8', sku: 'a' } })()
    await handle({ commandId: 'c-2', command: { type: 'Add', cart: '8', sku: 'b' } })()
    const result = await handle({ commandId: 'c-3', command: { type: 'CheckOut', cart: '8' } })()
    if (result._tag === 'Left') throw new Error(result.left._tag)
    const stored = (await readIds(store, 'cart-8')).slice(2)
    expect(result.right.events).toEqual(
      stored.map(({ id, streamName, revision, event, metadata }) => ({
        id,
        streamName,
        revision,
        event,
        metadata,
      })),
    )
    expect(result.right.position).toBe(stored[stored.length - 1]?.position)
  })

  it('completes an accepted command once, across retries, and records the completed command', async () => {
    const base = getInMemoryEventStore({ codec: testEventCodec })
    const { handle } = setup({ store: withRivals(base, 2) })
    const completed: string[] = []
    const result = await handle({
      commandId: 'c-1',
      command: { type: 'Add', cart: '9', sku: 'draft' },
      complete: (command) => async () => {
        completed.push(command.type)
        return right({ ...command, sku: 'final' })
      },
    })()
    expect(result).toMatchObject({ _tag: 'Right', right: { events: [{ event: itemAdded('final') }] } })
    expect(completed).toEqual(['Add'])
    expect((await readIds(base, 'cart-9')).map((e) => e.event).slice(-1)).toEqual([itemAdded('final')])
  })

  it('does not complete a refused or re-sent command, and returns what completing failed with', async () => {
    const { store, handle } = setup()
    let completions = 0
    const complete = (command: CartCommand) => async () => {
      completions++
      return command.type === 'Add' && command.sku === 'broken' ? left('SealFailed' as const) : right(command)
    }
    const refused = await handle({
      commandId: 'c-1',
      command: { type: 'Remove', cart: '10', sku: 'a' },
      complete,
    })()
    expect(refused).toEqual({ _tag: 'Left', left: { _tag: 'Rejected', error: 'NotInCart' } })
    await handle({ commandId: 'c-2', command: { type: 'Add', cart: '10', sku: 'a' }, complete })()
    await handle({ commandId: 'c-2', command: { type: 'Add', cart: '10', sku: 'a' }, complete })()
    expect(completions).toBe(1)
    const failed = await handle({
      commandId: 'c-3',
      command: { type: 'Add', cart: '10', sku: 'broken' },
      complete,
    })()
    expect(failed).toEqual({ _tag: 'Left', left: 'SealFailed' })
    expect(await readIds(store, 'cart-10')).toHaveLength(1)
  })

  it('passes other store errors through', async () => {
    const store = getInMemoryEventStore({ codec: testEventCodec })
    await store.close()
    const { handle } = setup({ store })
    const result = await handle({ commandId: 'c-1', command: { type: 'Add', cart: '6', sku: 'a' } })()
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } })
  })

  it('loses no command when many are handled at once on one stream', async () => {
    const { store, handle } = setup({ maxRetries: 50 })
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        handle({ commandId: `c-${i}`, command: { type: 'Add', cart: '7', sku: `s${i}` } })(),
      ),
    )
    expect(results.every((r) => r._tag === 'Right')).toBe(true)
    const stored = await readIds(store, 'cart-7')
    expect(new Set(stored.map((e) => e.id))).toEqual(
      new Set(Array.from({ length: 20 }, (_, i) => eventIdFor(`c-${i}`, 0))),
    )
  })

  it('property: re-sending commands that wrote events, in any order, writes nothing new and repeats each result', async () => {
    const commandArb = fc.oneof(
      fc.constantFrom('a', 'b').map((sku): CartCommand => ({ type: 'Add', cart: 'p', sku })),
      fc.constantFrom('a', 'b').map((sku): CartCommand => ({ type: 'Remove', cart: 'p', sku })),
      fc.constant<CartCommand>({ type: 'CheckOut', cart: 'p' }),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(commandArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (commands, resends) => {
          const { store, handle } = setup()
          const firsts = []
          for (const [i, command] of commands.entries())
            firsts.push(await handle({ commandId: `c-${i}`, command })())
          const before = await readIds(store, 'cart-p')
          const wrote = firsts.flatMap((r, i) =>
            r._tag === 'Right' && r.right.events.length > 0 ? [{ i, first: r.right }] : [],
          )
          for (const pick of wrote.length === 0 ? [] : resends) {
            const { i, first } = wrote[pick % wrote.length] as (typeof wrote)[number]
            const again = await handle({ commandId: `c-${i}`, command: commands[i] as CartCommand })()
            expect(again).toEqual({ _tag: 'Right', right: { ...first, replayed: true } })
          }
          expect(await readIds(store, 'cart-p')).toEqual(before)
        },
      ),
      { numRuns: 40 },
    )
  })
})

describe('eventIdDigest', () => {
  it('is a 32-bit signed integer, the same for the same id, FNV-1a over the code units', () => {
    // FNV-1a's published values for '' and 'a' (0x811c9dc5, 0xe40c292c), as signed integers.
    expect(eventIdDigest('')).toBe(0x811c9dc5 | 0)
    expect(eventIdDigest('a')).toBe(0xe40c292c | 0)
    fc.assert(
      fc.property(fc.string(), (id) => {
        const d = eventIdDigest(id)
        expect(Number.isInteger(d) && d >= -(2 ** 31) && d < 2 ** 31).toBe(true)
        expect(eventIdDigest(id)).toBe(d)
      }),
    )
  })

  it('spreads the event ids of many commands: no two of 10,000 share a digest', () => {
    const digests = new Set(Array.from({ length: 10_000 }, (_, i) => eventIdDigest(eventIdFor(`c-${i}`, 0))))
    expect(digests.size).toBe(10_000)
  })
})

describe('eventIdFor', () => {
  it('is the UUID v5 of `<commandId>/<index>` in the Parcours namespace, as the uuid package derives it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat(1000), (commandId, index) => {
        expect(eventIdFor(commandId, index)).toBe(
          uuidV5(`${commandId}/${index}`, '6f1d7f0e-3b7a-5c53-9a54-2f0c8e1d4b21'),
        )
      }),
      { numRuns: 200 },
    )
    // Long command ids too: past the room kept for names, which are then hashed from a new buffer.
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', minLength: 300, maxLength: 700 }),
          fc.string({ unit: 'binary', minLength: 330, maxLength: 350 }),
        ),
        fc.nat(1000),
        (commandId, index) => {
          expect(eventIdFor(commandId, index)).toBe(
            uuidV5(`${commandId}/${index}`, '6f1d7f0e-3b7a-5c53-9a54-2f0c8e1d4b21'),
          )
        },
      ),
      { numRuns: 100 },
    )
    // A stored id never changes: the first event of command `cmd-1`.
    expect(eventIdFor('cmd-1', 0)).toBe(uuidV5('cmd-1/0', '6f1d7f0e-3b7a-5c53-9a54-2f0c8e1d4b21'))
  })

  it('derives the same UUID v5 for the same command and index, and different ones otherwise', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(20), fc.nat(20), (a, b, i, j) => {
        expect(eventIdFor(a, i)).toBe(eventIdFor(a, i))
        expect(eventIdFor(a, i)).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        )
        if (a !== b || i !== j) expect(eventIdFor(a, i)).not.toBe(eventIdFor(b, j))
      }),
      { numRuns: 100 },
    )
  })
})

/** An in-memory store that records the revision each stream read starts from. */
const recording = () => {
  const store = getInMemoryEventStore({ codec: testEventCodec })
  const reads: Array<bigint | undefined> = []
  const wrapped: EventStore<TestEvent> = {
    ...store,
    readStream: (name, options) => {
      reads.push(options?.fromRevision)
      return store.readStream(name, options)
    },
  }
  return { store: wrapped, reads }
}

describe('command handling: the state cache', () => {
  const handlerOn = (store: EventStore<TestEvent>, stateCacheSize?: number) =>
    createCommandHandler({
      store,
      decider: cartDecider,
      streamName: (c: CartCommand) => `cart-${c.cart}`,
      backoff: { baseMs: 0, random: () => 0, sleep: async () => undefined },
      ...(stateCacheSize === undefined ? {} : { stateCacheSize }),
    })

  it('reads a stream whole once, then only from the revision after the state it cached', async () => {
    const { store, reads } = recording()
    const handle = handlerOn(store)
    for (const [i, sku] of ['a', 'b', 'c'].entries())
      expect((await handle({ commandId: `add-${i}`, command: { type: 'Add', cart: '1', sku } })())._tag).toBe(
        'Right',
      )
    expect(reads).toEqual([undefined, 1n, 2n])
  })

  it('reads only the events appended since its cached revision when another writer moved the stream', async () => {
    const { store, reads } = recording()
    const sleeps: number[] = []
    const handle = createCommandHandler({
      store,
      decider: cartDecider,
      streamName: (c: CartCommand) => `cart-${c.cart}`,
      backoff: { baseMs: 10, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) },
    })
    const other = handlerOn(store)
    await handle({ commandId: 'add-a', command: { type: 'Add', cart: '1', sku: 'a' } })()
    await other({ commandId: 'add-b', command: { type: 'Add', cart: '1', sku: 'b' } })()
    const result = await handle({ commandId: 'check-out', command: { type: 'CheckOut', cart: '1' } })()
    // The append on the cached state met the other writer's event: read from there, decide again,
    // at once (a stale cache is no contention to back off from).
    expect(result).toMatchObject({ _tag: 'Right', right: { nextExpectedRevision: 4n } })
    expect(reads).toEqual([undefined, undefined, 1n])
    expect(sleeps).toEqual([])
    expect((await readIds(store, 'cart-1')).map((e) => e.event)).toEqual([
      itemAdded('a'),
      itemAdded('b'),
      itemRemoved('a'),
      itemRemoved('b'),
      cartCheckedOut(200),
    ])
  })

  it('refuses a command only on a state read from the store, never on a cached one', async () => {
    const { store, reads } = recording()
    const handle = handlerOn(store)
    const other = handlerOn(store)
    await handle({ commandId: 'add-a', command: { type: 'Add', cart: '1', sku: 'a' } })()
    await other({ commandId: 'add-b', command: { type: 'Add', cart: '1', sku: 'b' } })()
    // On its cached state 'b' is not in the cart; the store says it is.
    const removed = await handle({
      commandId: 'remove-b',
      command: { type: 'Remove', cart: '1', sku: 'b' },
    })()
    expect(removed).toMatchObject({ _tag: 'Right', right: { events: [{ event: itemRemoved('b') }] } })
    const refused = await handle({
      commandId: 'remove-c',
      command: { type: 'Remove', cart: '1', sku: 'c' },
    })()
    expect(refused).toEqual({ _tag: 'Left', left: { _tag: 'Rejected', error: 'NotInCart' } })
    // The refusal was checked against the store: a read from the revision after its own append.
    expect(reads).toEqual([undefined, undefined, 1n, 3n])
  })

  it("answers a stream's current state from its cache, caught up with what another writer appended", async () => {
    const { store, reads } = recording()
    const handle = handlerOn(store)
    expect(await handle.currentState('cart-1')()).toEqual(
      right({ state: cartDecider.initialState, revision: -1n }),
    )
    await handle({ commandId: 'add-a', command: { type: 'Add', cart: '1', sku: 'a' } })()
    await store.append('cart-1', 0n, [{ id: randomUUID(), event: itemAdded('b') }])()
    reads.length = 0
    expect(await handle.currentState('cart-1')()).toEqual(
      right({ state: { items: ['a', 'b'], closed: false }, revision: 1n }),
    )
    // Only past the cached revision; then the state it caught up with is the cached one.
    expect(reads).toEqual([1n])
    const removed = await handle({ commandId: 'rm-b', command: { type: 'Remove', cart: '1', sku: 'b' } })()
    expect(removed._tag).toBe('Right')
    expect(reads).toEqual([1n, 2n])
    expect(await handle.currentState('cart-1')()).toEqual(
      right({ state: { items: ['a'], closed: false }, revision: 2n }),
    )
  })

  it('passes a store error through when asked for a current state', async () => {
    const failing: EventStore<TestEvent> = {
      ...getInMemoryEventStore({ codec: testEventCodec }),
      readStream: () => async () => left({ _tag: 'StoreUnavailable', message: 'disk gone' }),
    }
    expect(await handlerOn(failing).currentState('cart-1')()).toEqual(
      left({ _tag: 'StoreUnavailable', message: 'disk gone' }),
    )
  })

  it('reads the whole stream every time when turned off', async () => {
    const { store, reads } = recording()
    const handle = handlerOn(store, 0)
    for (const [i, sku] of ['a', 'b'].entries())
      await handle({ commandId: `add-${i}`, command: { type: 'Add', cart: '1', sku } })()
    expect(reads).toEqual([undefined, undefined])
  })

  it('returns the first result again for a command re-sent after later ones', async () => {
    const handle = handlerOn(getInMemoryEventStore({ codec: testEventCodec }))
    const first = await handle({ commandId: 'add-a', command: { type: 'Add', cart: '1', sku: 'a' } })()
    await handle({ commandId: 'add-b', command: { type: 'Add', cart: '1', sku: 'b' } })()
    const again = await handle({ commandId: 'add-a', command: { type: 'Add', cart: '1', sku: 'a' } })()
    if (first._tag === 'Left' || again._tag === 'Left') throw new Error('rejected')
    expect(again.right.replayed).toBe(true)
    expect(again.right.events.map((e) => e.id)).toEqual(first.right.events.map((e) => e.id))
  })

  it('property: handlers with their own caches, interleaved on one store, decide as one handler with none', async () => {
    const command = fc.oneof(
      fc.constantFrom('a', 'b', 'c').map((sku) => ({ type: 'Add' as const, sku })),
      fc.constantFrom('a', 'b', 'c').map((sku) => ({ type: 'Remove' as const, sku })),
      fc.constant({ type: 'CheckOut' as const }),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }), command), {
          maxLength: 30,
        }),
        async (steps) => {
          const shared = getInMemoryEventStore({ codec: testEventCodec })
          const handlers = [handlerOn(shared, 1), handlerOn(shared), handlerOn(shared, 2)]
          const reference = handlerOn(getInMemoryEventStore({ codec: testEventCodec }), 0)
          for (const [n, [who, cart, c]] of steps.entries()) {
            const envelope = { commandId: `c-${n}`, command: { ...c, cart: String(cart) } as CartCommand }
            const got = await (handlers[who] as typeof reference)(envelope)()
            const expected = await reference(envelope)()
            expect(got._tag).toBe(expected._tag)
            if (got._tag === 'Left') expect(got).toEqual(expected)
            if (got._tag === 'Right' && expected._tag === 'Right')
              expect(got.right.events.map((e) => [e.id, e.revision, e.event])).toEqual(
                expected.right.events.map((e) => [e.id, e.revision, e.event]),
              )
          }
        },
      ),
      { numRuns: 50 },
    )
  })
})

describe('command handling: state snapshots', () => {
  const handlerOn = (
    store: EventStore<TestEvent>,
    snapshots: StateSnapshots<Cart>,
    options: { readonly stateCacheSize?: number; readonly snapshotEvery?: number } = {},
  ) =>
    createCommandHandler({
      store,
      decider: cartDecider,
      streamName: (c: CartCommand) => `cart-${c.cart}`,
      backoff: { baseMs: 0, random: () => 0, sleep: async () => undefined },
      snapshots,
      ...options,
    })
  const add = (cart: string, sku: string, commandId = `add-${cart}-${sku}`) => ({
    commandId,
    command: { type: 'Add' as const, cart, sku },
  })
  const loaded = async (snapshots: StateSnapshots<Cart>, stream: string) => {
    const r = await snapshots.load(stream)()
    if (r._tag === 'Left') throw new Error(r.left._tag)
    return r.right
  }

  it('saves the state its cache lets go; a handler without it in memory reads only from the snapshot on', async () => {
    const { store, reads } = recording()
    const snapshots = getInMemoryStateSnapshots<Cart>()
    const first = handlerOn(store, snapshots, { stateCacheSize: 1 })
    for (const sku of ['a', 'b', 'c']) await first(add('1', sku))()
    expect(snapshots.size()).toBe(0)
    await first(add('2', 'x'))() // cart-1 leaves the cache
    expect(await loaded(snapshots, 'cart-1')).toMatchObject({
      revision: 2n,
      state: { items: ['a', 'b', 'c'], closed: false },
    })
    reads.length = 0
    const second = handlerOn(store, snapshots)
    const out = await second({ commandId: 'out', command: { type: 'CheckOut', cart: '1' } })()
    if (out._tag === 'Left') throw new Error('refused')
    expect(out.right.events.map((e) => [e.revision, e.event])).toEqual([
      [3n, itemRemoved('a')],
      [4n, itemRemoved('b')],
      [5n, itemRemoved('c')],
      [6n, cartCheckedOut(300)],
    ])
    // One read, from the snapshot's revision: its event confirms the snapshot, none follows.
    expect(reads).toEqual([2n])
  })

  it('answers a current state from a snapshot and the events after it, when its cache does not hold it', async () => {
    const { store, reads } = recording()
    const snapshots = getInMemoryStateSnapshots<Cart>()
    const first = handlerOn(store, snapshots, { snapshotEvery: 2 })
    // Saved at revision 1, two events past none.
    for (const sku of ['a', 'b', 'c']) await first(add('1', sku))()
    expect(await loaded(snapshots, 'cart-1')).toMatchObject({ revision: 1n })
    await store.append('cart-1', 2n, [{ id: randomUUID(), event: itemAdded('d') }])()
    reads.length = 0
    const second = handlerOn(store, snapshots)
    expect(await second.currentState('cart-1')()).toEqual(
      right({ state: { items: ['a', 'b', 'c', 'd'], closed: false }, revision: 3n }),
    )
    // One read from the snapshot's revision; the next command starts from the state it cached.
    expect(reads).toEqual([1n])
    await second(add('1', 'e'))()
    expect(reads).toEqual([1n, 4n])
  })

  it('takes no snapshot the stream does not confirm (other id, position, or no event there), and reads the stream whole', async () => {
    const { store, reads } = recording()
    const snapshots = getInMemoryStateSnapshots<Cart>()
    const writer = handlerOn(store, snapshots)
    await writer(add('1', 'a'))()
    const [stored] = await readIds(store, 'cart-1')
    if (stored === undefined) throw new Error('nothing stored')
    // Snapshots naming another event at revision 0 (a stream deleted and written again, a store
    // restored from an older backup), one past the stream's end, and one of a stream never written.
    const wrong = { state: { items: [], closed: true }, idDigests: [] }
    for (const snapshot of [
      {
        streamName: 'cart-1',
        revision: 0n,
        lastEventId: 'another-event',
        lastEventPosition: stored.position,
      },
      { streamName: 'cart-1', revision: 0n, lastEventId: stored.id, lastEventPosition: stored.position + 7n },
      { streamName: 'cart-1', revision: 5n, lastEventId: stored.id, lastEventPosition: stored.position },
    ]) {
      snapshots.save({ ...snapshot, ...wrong })
      reads.length = 0
      const reader = handlerOn(store, snapshots)
      const add = await reader({
        commandId: `add-${snapshot.revision}`,
        command: { type: 'Add', cart: '1', sku: 'b' },
      })()
      expect(add).toMatchObject({ _tag: 'Right', right: { events: [{ event: itemAdded('b') }] } })
      expect(reads).toEqual([snapshot.revision, undefined])
      await handlerOn(
        store,
        getInMemoryStateSnapshots<Cart>(),
      )({ commandId: `rm-${snapshot.revision}`, command: { type: 'Remove', cart: '1', sku: 'b' } })()
    }
    snapshots.save({ streamName: 'cart-9', revision: 3n, lastEventId: 'x', lastEventPosition: 1n, ...wrong })
    reads.length = 0
    const fresh = await handlerOn(
      store,
      snapshots,
    )({ commandId: 'new', command: { type: 'Add', cart: '9', sku: 'z' } })()
    expect(fresh).toMatchObject({
      _tag: 'Right',
      right: { events: [{ revision: 0n, event: itemAdded('z') }] },
    })
    expect(reads).toEqual([3n, undefined])
  })

  it('answers a re-sent command from the ids a snapshot keeps', async () => {
    const store = getInMemoryEventStore({ codec: testEventCodec })
    const snapshots = getInMemoryStateSnapshots<Cart>()
    const first = handlerOn(store, snapshots, { snapshotEvery: 1 })
    const original = await first(add('1', 'a'))()
    await first(add('1', 'b'))()
    expect((await loaded(snapshots, 'cart-1'))?.revision).toBe(1n)
    const again = await handlerOn(store, snapshots)(add('1', 'a'))()
    if (original._tag === 'Left' || again._tag === 'Left') throw new Error('refused')
    expect(again.right.replayed).toBe(true)
    expect(again.right.events.map((e) => [e.id, e.revision])).toEqual(
      original.right.events.map((e) => [e.id, e.revision]),
    )
    expect((await readIds(store, 'cart-1')).length).toBe(2)
  })

  it('handles a command as new when its first id only shares a digest with the ids kept: after reading the stream whole', async () => {
    const { store, reads } = recording()
    const snapshots = getInMemoryStateSnapshots<Cart>()
    await handlerOn(store, getInMemoryStateSnapshots<Cart>())(add('1', 'a'))()
    const [stored] = await readIds(store, 'cart-1')
    if (stored === undefined) throw new Error('nothing stored')
    // A snapshot the stream confirms, whose digests also hold the next command's first id: as
    // when another id of the stream has that digest.
    snapshots.save({
      streamName: 'cart-1',
      revision: 0n,
      lastEventId: stored.id,
      lastEventPosition: stored.position,
      state: { items: ['a'], closed: false },
      idDigests: [eventIdDigest(stored.id), eventIdDigest(eventIdFor('add-1-b', 0))],
    })
    reads.length = 0
    const result = await handlerOn(store, snapshots)(add('1', 'b'))()
    expect(result).toMatchObject({
      _tag: 'Right',
      right: {
        replayed: false,
        events: [{ id: eventIdFor('add-1-b', 0), revision: 1n, event: itemAdded('b') }],
      },
    })
    // The snapshot's read, then the whole stream's, where the command's events are not.
    expect(reads).toEqual([0n, undefined])
    expect((await readIds(store, 'cart-1')).length).toBe(2)
  })

  it('saves a stream once it is snapshotEvery events past its last snapshot', async () => {
    const snapshots = getInMemoryStateSnapshots<Cart>()
    const handle = handlerOn(getInMemoryEventStore({ codec: testEventCodec }), snapshots, {
      snapshotEvery: 2,
    })
    const revisions: Array<bigint | undefined> = []
    for (const sku of ['a', 'b', 'c', 'd', 'e']) {
      await handle(add('1', sku))()
      revisions.push((await loaded(snapshots, 'cart-1'))?.revision)
    }
    expect(revisions).toEqual([undefined, 1n, 1n, 3n, 3n])
  })

  it('does without a snapshot it cannot load or save: the command reads the stream and stands', async () => {
    const { store, reads } = recording()
    await handlerOn(store, getInMemoryStateSnapshots<Cart>())(add('1', 'a'))()
    const broken: StateSnapshots<Cart> = {
      load: () => async () => left({ _tag: 'StoreUnavailable', message: 'snapshots offline' }),
      save: () => {
        throw new Error('disk full')
      },
    }
    reads.length = 0
    const handle = handlerOn(store, broken, { snapshotEvery: 1 })
    expect(await handle(add('1', 'b'))()).toMatchObject({
      _tag: 'Right',
      right: { nextExpectedRevision: 1n },
    })
    expect(reads).toEqual([undefined])
  })

  it('property: handlers sharing snapshots, with small caches, interleaved with others, decide as one handler with none', async () => {
    const command = fc.oneof(
      fc.constantFrom('a', 'b', 'c').map((sku) => ({ type: 'Add' as const, sku })),
      fc.constantFrom('a', 'b', 'c').map((sku) => ({ type: 'Remove' as const, sku })),
      fc.constant({ type: 'CheckOut' as const }),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), command, fc.boolean()),
          { maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 3 }),
        async (steps, snapshotEvery) => {
          const shared = getInMemoryEventStore({ codec: testEventCodec })
          const snapshots = getInMemoryStateSnapshots<Cart>()
          const handlers = [
            handlerOn(shared, snapshots, { stateCacheSize: 0, snapshotEvery }),
            handlerOn(shared, snapshots, { stateCacheSize: 1, snapshotEvery }),
            handlerOn(shared, snapshots, { stateCacheSize: 2 }),
            // Another writer, without snapshots: what it appends is past every snapshot.
            createCommandHandler({
              store: shared,
              decider: cartDecider,
              streamName: (c: CartCommand) => `cart-${c.cart}`,
            }),
          ]
          const reference = createCommandHandler({
            store: getInMemoryEventStore({ codec: testEventCodec }),
            decider: cartDecider,
            streamName: (c: CartCommand) => `cart-${c.cart}`,
            stateCacheSize: 0,
          })
          for (const [n, [who, cart, c, resend]] of steps.entries()) {
            // Now and then a command is re-sent: its earlier id, to whichever handler.
            const id = resend && n > 0 ? `c-${Math.floor(n / 2)}` : `c-${n}`
            const envelope = { commandId: id, command: { ...c, cart: String(cart) } as CartCommand }
            const got = await (handlers[who] as typeof reference)(envelope)()
            const expected = await reference(envelope)()
            expect(got._tag).toBe(expected._tag)
            if (got._tag === 'Left') expect(got).toEqual(expected)
            if (got._tag === 'Right' && expected._tag === 'Right') {
              expect(got.right.replayed).toBe(expected.right.replayed)
              expect(got.right.events.map((e) => [e.id, e.revision, e.event])).toEqual(
                expected.right.events.map((e) => [e.id, e.revision, e.event]),
              )
            }
          }
        },
      ),
      {
        numRuns: 60,
        // A command another writer handled, re-sent to a handler whose cached state is behind: an
        // append on that state would be taken as a retry of the stored events.
        examples: [
          [
            [
              [2, 1, { type: 'Add', sku: 'c' }, false],
              [0, 1, { type: 'Remove', sku: 'c' }, false],
              [2, 1, { type: 'Add', sku: 'a' }, true],
            ],
            1,
          ],
        ],
      },
    )
  })
})
