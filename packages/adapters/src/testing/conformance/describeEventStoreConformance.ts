import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe } from 'vitest'
import type { EventCodec, EventStore } from '@parcours/domain'
import { describeAppendConformance } from './appendConformance.js'
import { describeConcurrencyConformance } from './concurrencyConformance.js'
import type { ConformanceContext } from './fixtures.js'
import { describeIdempotenceConformance } from './idempotenceConformance.js'
import { describeModelConformance } from './modelConformance.js'
import { describeReadConformance } from './readConformance.js'
import { describeResumeConformance } from './resumeConformance.js'
import { describeSubscriptionConformance } from './subscriptionConformance.js'
import { testEventCodec, type TestEvent } from './testEvents.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** How the suite gets a store: any codec in, a store and its disposal out. */
export interface EventStoreFactory {
  /** A new, empty store for the codec, and how to dispose of it after the test. */
  readonly create: <E extends { readonly type: string }>(
    codec: EventCodec<E>,
  ) => Promise<{
    readonly store: EventStore<E>
    /** Closes the store and removes what it wrote. */
    readonly dispose: () => Promise<void>
  }>
  /**
   * True when concurrent calls really interleave in the store (every store here): the suite then
   * also requires that racing writers met conflicts, not only that nothing was lost.
   */
  readonly concurrentWriters?: boolean
  /** Runs of each fast-check property. Default 15. */
  readonly numRuns?: number
}

// ---------------------------------------------------------------------------------------------
// the suite
// ---------------------------------------------------------------------------------------------

/**
 * The conformance suite every EventStore adapter must pass, as vitest tests. Call it at the top
 * level of a test file. It uses one store for the whole run and stream names under a random
 * prefix, filtering the global log by it, so it can run against a shared server.
 *
 * @example
 * import { getInMemoryEventStore } from '@parcours/adapters'
 * import { describeEventStoreConformance } from '@parcours/adapters/testing'
 *
 * describeEventStoreConformance('my store', {
 *   create: async (codec) => {
 *     const store = getInMemoryEventStore({ codec }) // your adapter here
 *     return { store, dispose: () => store.close() }
 *   },
 *   concurrentWriters: true, // also require that racing writers met conflicts
 *   numRuns: 15,
 * })
 */
export const describeEventStoreConformance = (name: string, factory: EventStoreFactory): void => {
  describe(`EventStore conformance: ${name}`, () => {
    const run = `conformance-${randomBytes(4).toString('hex')}`
    let counter = 0
    let current: { readonly store: EventStore<TestEvent>; readonly dispose: () => Promise<void> } | undefined
    const codec: EventCodec<TestEvent> = testEventCodec
    const ctx: ConformanceContext = {
      store: () => {
        if (current === undefined) throw new Error('the conformance store is not ready')
        return current.store
      },
      freshStore: () => factory.create(codec),
      prefix: (label) => `${run}-${label}${(counter += 1)}-`,
      concurrentWriters: factory.concurrentWriters ?? false,
    }
    beforeAll(async () => {
      current = await factory.create(codec)
    })
    afterAll(async () => {
      await current?.dispose()
    })

    const numRuns = factory.numRuns ?? 15
    describeAppendConformance(ctx)
    describeIdempotenceConformance(ctx)
    describeReadConformance(ctx)
    describeSubscriptionConformance(ctx)
    describeConcurrencyConformance(ctx)
    describeModelConformance(ctx, numRuns)
    describeResumeConformance(ctx, numRuns)
  })
}
