import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Direction, EventStore, ExpectedRevision, GlobalPosition, RecordedEvent } from '@parcours/domain'
import { caughtUp, collect, eventsOf, ok, show, type ConformanceContext } from './fixtures.js'
import {
  currentRevision,
  emptyModel,
  expectedOutcome,
  recordBatch,
  type ModelEvent,
  type ReferenceModel,
} from './referenceModel.js'
import { cartCheckedOut, itemAdded, itemRemoved, testEventTypes, type TestEvent } from './testEvents.js'

// ---------------------------------------------------------------------------------------------
// model-based properties: random sequences of appends, re-appends, reads and subscriptions run
// against the store and the reference model, and must agree.
// ---------------------------------------------------------------------------------------------

interface Real {
  readonly store: EventStore<TestEvent>
  readonly prefix: string
  lastPosition: GlobalPosition
}
type Command = fc.AsyncCommand<ReferenceModel, Real>

const STREAMS = 3
const streamOf = (real: Real, index: number) => `${real.prefix}${index}`

const view = (e: RecordedEvent<TestEvent> | ModelEvent) => ({
  streamName: e.streamName,
  revision: e.revision,
  id: e.id,
  event: e.event,
})

const eventArb: fc.Arbitrary<TestEvent> = fc.oneof(
  fc
    .tuple(fc.constantFrom('x', 'y', 'z'), fc.integer({ min: 1, max: 9 }))
    .map(([sku, n]) => itemAdded(sku, n)),
  fc.constantFrom('x', 'y', 'z').map(itemRemoved),
  fc.integer({ min: 0, max: 10_000 }).map(cartCheckedOut),
)
const expectationArb = fc.oneof(
  fc.constantFrom('no-stream', 'exists', 'any'),
  fc.integer({ min: -2, max: 1 }),
)
const typesArb = fc.subarray([...testEventTypes]).map((types) => (types.length === 0 ? undefined : types))
const directionArb = fc.constantFrom<Direction>('forwards', 'backwards')
const maxArb = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined })

/** Reads the run's part of the global log, checking it against the model on the way. */
const readRun = async (model: ReferenceModel, real: Real) => {
  const all = await ok(real.store.readAll({ filter: { streamPrefixes: [real.prefix] } }))
  expect(all.map(view)).toEqual(model.log.map(view))
  return all
}

const append = (stream: number, expectation: string | number, events: ReadonlyArray<TestEvent>): Command => ({
  check: () => true,
  toString: () => `append(${stream}, ${expectation}, [${events.map((e) => e.type).join(',')}])`,
  run: async (model, real) => {
    const name = streamOf(real, stream)
    const current = currentRevision(model, name)
    const exact = current + BigInt(typeof expectation === 'number' ? expectation : 0)
    const expected: ExpectedRevision =
      typeof expectation === 'number' ? (exact < 0n ? 0n : exact) : (expectation as ExpectedRevision)
    const batch = events.map((event) => ({ id: randomUUID(), event }))
    const outcome = expectedOutcome(model, name, expected, batch.length)
    const result = await real.store.append(name, expected, batch)()
    if (outcome._tag === 'Conflict') {
      expect(result).toEqual({
        _tag: 'Left',
        left: { _tag: 'WrongExpectedRevision', streamName: name, expected, actual: outcome.actual },
      })
      return
    }
    if (result._tag === 'Left') throw new Error(`expected success, got ${show(result.left)}`)
    expect(result.right.nextExpectedRevision).toBe(outcome.nextExpectedRevision)
    if (batch.length > 0) {
      expect(result.right.position > real.lastPosition).toBe(true)
      real.lastPosition = result.right.position
    }
    recordBatch(model, name, batch, result.right.position)
  },
})

const reappend = (pick: number, mode: 'exact' | 'any' | 'exists'): Command => ({
  check: (model) => model.batches.length > 0,
  toString: () => `reappend(${pick}, ${mode})`,
  run: async (model, real) => {
    const batch = model.batches[pick % model.batches.length]
    if (batch === undefined) return
    const expected: ExpectedRevision =
      mode !== 'exact' ? mode : batch.first === 0n ? 'no-stream' : batch.first - 1n
    const events = (model.streams.get(batch.streamName) ?? []).slice(
      Number(batch.first),
      Number(batch.last) + 1,
    )
    const result = await ok(
      real.store.append(
        batch.streamName,
        expected,
        events.map(({ id, event }) => ({ id, event })),
      ),
    )
    expect(result).toEqual({ nextExpectedRevision: batch.last, position: batch.position })
  },
})

const readStream = (
  stream: number,
  direction: Direction,
  from: number | undefined,
  max: number | undefined,
): Command => ({
  check: () => true,
  toString: () => `readStream(${stream}, ${direction}, from ${from}, max ${max})`,
  run: async (model, real) => {
    const name = streamOf(real, stream)
    const events = model.streams.get(name) ?? []
    const limit = max ?? events.length
    const expected =
      direction === 'forwards'
        ? events.slice(from ?? 0).slice(0, limit)
        : events
            .slice(0, Math.min(events.length, (from ?? events.length) + 1))
            .reverse()
            .slice(0, limit)
    const options = {
      direction,
      ...(from === undefined ? {} : { fromRevision: BigInt(from) }),
      ...(max === undefined ? {} : { maxCount: max }),
    }
    expect((await ok(real.store.readStream(name, options))).map(view)).toEqual(expected.map(view))
  },
})

const readAll = (
  direction: Direction,
  types: ReadonlyArray<string> | undefined,
  fromPick: number | undefined,
  max: number | undefined,
): Command => ({
  check: () => true,
  toString: () => `readAll(${direction}, ${types?.join('|') ?? 'all types'}, from ${fromPick}, max ${max})`,
  run: async (model, real) => {
    const all = await readRun(model, real)
    const k = fromPick === undefined || all.length === 0 ? undefined : fromPick % all.length
    const matching = (e: ModelEvent) => types === undefined || types.includes(e.event.type)
    const window =
      direction === 'forwards' ? model.log.slice(k ?? 0) : model.log.slice(0, k ?? model.log.length).reverse()
    const expected = window.filter(matching).slice(0, max ?? model.log.length)
    const got = await ok(
      real.store.readAll({
        direction,
        filter: { streamPrefixes: [real.prefix], ...(types === undefined ? {} : { eventTypes: types }) },
        ...(k === undefined ? {} : { fromPosition: all[k]?.position ?? 0n }),
        ...(max === undefined ? {} : { maxCount: max }),
      }),
    )
    expect(got.map(view)).toEqual(expected.map(view))
  },
})

const subscribe = (
  fromPick: number | undefined,
  types: ReadonlyArray<string> | undefined,
  interval: number,
): Command => ({
  check: () => true,
  toString: () => `subscribe(from ${fromPick}, ${types?.join('|') ?? 'all types'}, every ${interval})`,
  run: async (model, real) => {
    const all = await readRun(model, real)
    const k = fromPick === undefined || all.length === 0 ? undefined : fromPick % all.length
    const from = k === undefined ? ('start' as const) : (all[k]?.position ?? 0n)
    const filter = { streamPrefixes: [real.prefix], ...(types === undefined ? {} : { eventTypes: types }) }
    const messages = await collect(
      real.store.subscribe({ from, filter, checkpointInterval: interval }),
      caughtUp,
    )
    const expected = model.log
      .slice(k === undefined ? 0 : k + 1)
      .filter((e) => types === undefined || types.includes(e.event.type))
    expect(eventsOf(messages).map(view)).toEqual(expected.map(view))
  },
})

const commandsArb = fc.commands(
  [
    fc
      .tuple(fc.integer({ min: 0, max: STREAMS - 1 }), expectationArb, fc.array(eventArb, { maxLength: 3 }))
      .map(([s, x, es]) => append(s, x, es)),
    fc
      .tuple(fc.nat(), fc.constantFrom<'exact' | 'any' | 'exists'>('exact', 'any', 'exists'))
      .map(([p, m]) => reappend(p, m)),
    fc
      .tuple(
        fc.integer({ min: 0, max: STREAMS - 1 }),
        directionArb,
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        maxArb,
      )
      .map(([s, d, f, m]) => readStream(s, d, f, m)),
    fc
      .tuple(directionArb, typesArb, fc.option(fc.nat(), { nil: undefined }), maxArb)
      .map(([d, t, f, m]) => readAll(d, t, f, m)),
    fc
      .tuple(fc.option(fc.nat(), { nil: undefined }), typesArb, fc.integer({ min: 1, max: 4 }))
      .map(([f, t, i]) => subscribe(f, t, i)),
  ],
  { maxCommands: 14 },
)

/** Model-based properties: the store behaves as the reference model for any sequence of operations. */
export const describeModelConformance = (ctx: ConformanceContext, numRuns: number): void => {
  describe('against the reference model', () => {
    it('agrees with the model on random appends, re-appends, reads and subscriptions', async () => {
      await fc.assert(
        fc.asyncProperty(commandsArb, async (commands) => {
          const real: Real = { store: ctx.store(), prefix: ctx.prefix('model'), lastPosition: -1n }
          await fc.asyncModelRun(() => ({ model: emptyModel(), real }), commands)
        }),
        { numRuns },
      )
    })
  })
}
