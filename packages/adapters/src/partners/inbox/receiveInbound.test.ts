import { left, right } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { getInMemoryInbox, type InboxStore } from './inboxStore.js'
import { inboundReceiver, type InboundFlow } from './receiveInbound.js'
import { manualScheduler } from './scheduler.js'

// ---------------------------------------------------------------------------------------------
// The inbox rules on a toy flow: messages `{ id, n }` recorded into a map by id.
// ---------------------------------------------------------------------------------------------

interface Msg {
  readonly id: string
  readonly n: number
}

/** A flow whose recording fails for the ids in `failing` (as many times as given, forever if Infinity). */
const toyFlow = (failing: Map<string, number> = new Map()) => {
  const held = new Map<string, number>()
  let writes = 0
  const flow: InboundFlow<Msg> = {
    flow: 'toy/messages',
    decode: (raw) => {
      const r = raw as Partial<Msg> | null
      if (typeof r?.id !== 'string') return left({ key: null, reason: 'id: expected a string' })
      if (typeof r.n !== 'number')
        return left({ key: r.id, reason: `n: expected a number, got ${JSON.stringify(r.n)}` })
      return right({ key: r.id, value: { id: r.id, n: r.n } })
    },
    record: (m) => async () => {
      const left_ = failing.get(m.id) ?? 0
      if (left_ > 0) {
        failing.set(m.id, left_ - 1)
        return left(`store of ${m.id} unavailable`)
      }
      if (held.get(m.id) === m.n) return right('unchanged' as const)
      held.set(m.id, m.n)
      writes++
      return right('recorded' as const)
    },
  }
  return { flow, held, writes: () => writes }
}
const msgs = (...ms: unknown[]) => ms.map((raw, i) => ({ where: `line ${i + 1}`, raw }))
const counters = async (inbox: InboxStore) => {
  const c = await inbox.counters('toy/messages')()
  return c._tag === 'Right' ? c.right[0] : c.left
}

describe('partner inbox', () => {
  it('records new messages, writes nothing for a re-delivery and updates a changed message', async () => {
    const inbox = getInMemoryInbox()
    const toy = toyFlow()
    const receiver = inboundReceiver({ inbox, scheduler: manualScheduler() }, toy.flow)
    const first = await receiver.receiveAll(msgs({ id: 'a', n: 1 }, { id: 'b', n: 1 }))
    expect(first._tag === 'Right' && first.right.counts).toMatchObject({
      received: 2,
      recorded: 2,
      duplicated: 0,
    })
    const again = await receiver.receiveAll(msgs({ n: 1, id: 'a' }, { id: 'b', n: 2 }))
    expect(again._tag === 'Right' && again.right.counts).toMatchObject({
      received: 2,
      recorded: 1,
      duplicated: 1,
    })
    expect(toy.writes()).toBe(3)
    expect(toy.held.get('b')).toBe(2)
    expect(await counters(inbox)).toEqual({
      flow: 'toy/messages',
      received: 4,
      recorded: 3,
      duplicated: 1,
      rejected: 0,
      parked: 0,
    })
  })

  it('refuses a malformed message with its place and reason, and goes on with the rest', async () => {
    const inbox = getInMemoryInbox()
    const toy = toyFlow()
    const receiver = inboundReceiver({ inbox, scheduler: manualScheduler() }, toy.flow)
    const r = await receiver.receiveAll(msgs({ id: 'a', n: 1 }, { id: 'b', n: 'two' }, 42, { id: 'c', n: 3 }))
    expect(r._tag === 'Right' && r.right.counts).toMatchObject({ received: 4, recorded: 2, rejected: 2 })
    expect([...toy.held.keys()]).toEqual(['a', 'c'])
    const failures = await inbox.failures()()
    expect(
      failures._tag === 'Right' && failures.right.map((f) => [f.key, f.status, f.where, f.reason]),
    ).toEqual([
      ['b', 'rejected', 'line 2', 'n: expected a number, got "two"'],
      ['line 3', 'rejected', 'line 3', 'id: expected a string'],
    ])
  })

  it('retries with backoff, then parks the message with its reason after N tries, never dropping it', async () => {
    const inbox = getInMemoryInbox()
    const clock = manualScheduler()
    const toy = toyFlow(new Map([['b', Infinity]]))
    const retry = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250 }
    const receiver = inboundReceiver({ inbox, scheduler: clock, retry }, toy.flow)
    const r = await receiver.receiveAll(msgs({ id: 'a', n: 1 }, { id: 'b', n: 1 }, { id: 'c', n: 1 }))
    expect(r._tag === 'Right' && r.right.counts).toMatchObject({ received: 3, recorded: 2, parked: 1 })
    expect(clock.sleeps).toEqual([100, 200, 250])
    const failures = await inbox.failures('toy/messages')()
    expect(failures._tag === 'Right' && failures.right).toEqual([
      expect.objectContaining({
        key: 'b',
        status: 'parked',
        attempts: 4,
        reason: 'store of b unavailable',
        raw: { id: 'b', n: 1 },
      }),
    ])
    expect((await counters(inbox)) as object).toMatchObject({ parked: 1, recorded: 2 })
  })

  it('records a parked message on retry, and it leaves the failures', async () => {
    const inbox = getInMemoryInbox()
    const failing = new Map([['b', 4]])
    const toy = toyFlow(failing)
    const retry = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 }
    const receiver = inboundReceiver({ inbox, scheduler: manualScheduler(), retry }, toy.flow)
    await receiver.receiveAll(msgs({ id: 'b', n: 1 }))
    const stillFailing = await receiver.retryFailures()
    expect(stillFailing._tag === 'Right' && stillFailing.right.counts).toMatchObject({
      received: 0,
      parked: 1,
    })
    const kept = await inbox.failures()()
    expect(kept._tag === 'Right' && kept.right.map((f) => f.attempts)).toEqual([4])
    const retried = await receiver.retryFailures()
    expect(retried._tag === 'Right' && retried.right.counts).toMatchObject({ received: 0, recorded: 1 })
    expect(toy.held.get('b')).toBe(1)
    const none = await inbox.failures()()
    expect(none._tag === 'Right' && none.right).toEqual([])
    expect((await counters(inbox)) as object).toMatchObject({ received: 1, recorded: 1, parked: 1 })
  })

  it('acknowledges only once the message is recorded: a crash in between re-delivers it and nothing is written twice', async () => {
    const inbox = getInMemoryInbox()
    let crash = true
    const crashing: InboxStore = {
      ...inbox,
      acknowledge: (...args) =>
        crash
          ? async () => {
              crash = false
              return left({ _tag: 'InboxFailed', message: 'process killed' })
            }
          : inbox.acknowledge(...args),
    }
    const toy = toyFlow()
    const receiver = inboundReceiver({ inbox: crashing, scheduler: manualScheduler() }, toy.flow)
    const crashed = await receiver.receiveAll(msgs({ id: 'a', n: 1 }, { id: 'b', n: 1 }))
    expect(crashed._tag).toBe('Left')
    expect(toy.held.get('a')).toBe(1) // recorded, not acknowledged
    expect(toy.held.has('b')).toBe(false) // never reached
    const redelivered = await receiver.receiveAll(msgs({ id: 'a', n: 1 }, { id: 'b', n: 1 }))
    expect(redelivered._tag === 'Right' && redelivered.right.counts).toMatchObject({
      recorded: 1,
      duplicated: 1,
    })
    expect(toy.writes()).toBe(2)
    const fp = await inbox.fingerprint('toy/messages', 'a')()
    expect(fp._tag === 'Right' && typeof fp.right).toBe('string')
  })
})
