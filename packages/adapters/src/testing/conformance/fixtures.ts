import { randomUUID } from 'node:crypto'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { EventStore, EventToAppend, SubscriptionMessage, Subscription } from '@parcours/domain'
import type { TestEvent } from './testEvents.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** What each part of the suite gets: the store under test and unique names for its streams. */
export interface ConformanceContext {
  readonly store: () => EventStore<TestEvent>
  /** A fresh store, for tests that close it; the caller disposes it. */
  readonly freshStore: () => Promise<{
    readonly store: EventStore<TestEvent>
    readonly dispose: () => Promise<void>
  }>
  /** A prefix no other test uses; streams named `${prefix}x` are this test's alone. */
  readonly prefix: (label: string) => string
  readonly concurrentWriters: boolean
}

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/** JSON with bigints, for failure messages. */
export const show = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))

/** The right side of a TaskEither, or a failed test. */
export const ok = async <L, A>(task: TaskEither<L, A>): Promise<A> => {
  const result = await task()
  if (result._tag === 'Left') throw new Error(`expected success, got ${show(result.left)}`)
  return result.right
}

/** The left side of a TaskEither, or a failed test. */
export const fails = async <L, A>(task: TaskEither<L, A>): Promise<L> => {
  const result = await task()
  if (result._tag === 'Right') throw new Error(`expected an error, got ${show(result.right)}`)
  return result.left
}

/** Events with fresh ids. */
export const fresh = (...events: ReadonlyArray<TestEvent>): ReadonlyArray<EventToAppend<TestEvent>> =>
  events.map((event) => ({ id: randomUUID(), event }))

/**
 * Reads a subscription until `done` says so (checked after each message) or it ends, then closes
 * it. Fails the test when nothing satisfies `done` within `timeoutMs`.
 */
export const collect = async <E>(
  subscription: Subscription<E>,
  done: (messages: ReadonlyArray<SubscriptionMessage<E>>) => boolean,
  timeoutMs = 10_000,
): Promise<ReadonlyArray<SubscriptionMessage<E>>> => {
  const messages: Array<SubscriptionMessage<E>> = []
  const iterator = subscription[Symbol.asyncIterator]()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs)
  })
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), timeout])
      if (next === 'timeout')
        throw new Error(
          `subscription timed out after ${messages.length} messages: ${show(messages.slice(-5))}`,
        )
      if (next.done === true) return messages
      messages.push(next.value)
      if (done(messages)) return messages
      // A store that never stops delivering would otherwise starve the timer of the timeout.
      if (messages.length % 256 === 0) await tick()
    }
  } finally {
    clearTimeout(timer)
    await subscription.close()
  }
}

/** The events of a list of messages. */
export const eventsOf = <E>(messages: ReadonlyArray<SubscriptionMessage<E>>) =>
  messages.flatMap((m) => (m._tag === 'Event' ? [m.event] : []))

/** Whether the subscription has said it caught up. */
export const caughtUp = <E>(messages: ReadonlyArray<SubscriptionMessage<E>>): boolean =>
  messages.some((m) => m._tag === 'CaughtUp')

/** Appends a batch and returns the result, failing the test on error. */
export const appendOk = (
  store: EventStore<TestEvent>,
  stream: string,
  events: ReadonlyArray<EventToAppend<TestEvent>>,
) => ok(store.append(stream, 'any', events))

/** A pause, for slow consumers. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Lets timers run: a loop over a store that never stops delivering must not starve them. */
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve))
