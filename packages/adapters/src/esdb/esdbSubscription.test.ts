import type { EventStoreDBClient } from '@eventstore/db-client'
import { describe, expect, it } from 'vitest'
import { testEventCodec } from '@parcours/adapters/testing'
import { createEsdbSubscription } from './esdbSubscription.js'

/** A Read call that sends nothing until it is cancelled, as a quiet live subscription does. */
const quietCall = () => {
  let cancel: () => void = () => undefined
  const ended = new Promise<void>((resolve) => (cancel = resolve))
  const call = {
    cancelled: false,
    cancel: () => {
      call.cancelled = true
      cancel()
    },
    async *[Symbol.asyncIterator]() {
      await ended
      throw new Error('Cancelled on client')
    },
  }
  return call
}

/** A client whose Read calls open only when the test says (`openCalls`), recording each call it hands out. */
const slowClient = () => {
  const calls: Array<ReturnType<typeof quietCall>> = []
  const pending: Array<() => void> = []
  const client = {
    callArguments: () => [{}, {}],
    GRPCStreamCreator: () => () =>
      new Promise((resolve) =>
        pending.push(() => {
          const call = quietCall()
          calls.push(call)
          resolve(call)
        }),
      ),
  } as unknown as EventStoreDBClient
  const openCalls = () => {
    for (const open of pending.splice(0)) open()
  }
  return { client, calls, openCalls }
}

describe('createEsdbSubscription', () => {
  it('cancels a call that opens after the subscription was closed', async () => {
    const { client, calls, openCalls } = slowClient()
    const subscription = createEsdbSubscription(
      { client, codec: testEventCodec, resubscribe: { maxAttempts: 0, baseDelayMs: 1 }, logger: undefined },
      { from: 'start' },
      () => undefined,
    )
    const next = subscription[Symbol.asyncIterator]().next()
    const closing = subscription.close()
    openCalls()
    await closing
    expect(await next).toEqual({ done: true, value: undefined })
    expect(calls).toHaveLength(1)
    expect(calls[0]?.cancelled).toBe(true)
  })

  it('ends with Failed when every call is confirmed and then fails: a confirmation alone is no progress', async () => {
    let opened = 0
    const confirmedThenFailing = {
      cancel: () => undefined,
      async *[Symbol.asyncIterator]() {
        yield { hasConfirmation: () => true }
        throw new Error('UNAVAILABLE')
      },
    }
    const client = {
      callArguments: () => [{}, {}],
      GRPCStreamCreator: () => async () => {
        opened += 1
        return confirmedThenFailing
      },
    } as unknown as EventStoreDBClient
    const subscription = createEsdbSubscription(
      { client, codec: testEventCodec, resubscribe: { maxAttempts: 3, baseDelayMs: 1 }, logger: undefined },
      { from: 'start' },
      () => undefined,
    )
    const tags: string[] = []
    for await (const message of subscription) tags.push(message._tag)
    expect(tags).toEqual(['Failed'])
    expect(opened).toBe(4)
  })
})
