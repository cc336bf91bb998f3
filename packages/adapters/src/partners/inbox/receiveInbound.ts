import { createHash } from 'node:crypto'
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import type { CounterDelta, InboxFailed, InboxFailure, InboxStore } from './inboxStore.js'
import { noCounts } from './inboxStore.js'
import { backoffDelay, defaultRetryPolicy, type RetryPolicy, type Scheduler } from './scheduler.js'

// ---------------------------------------------------------------------------------------------
// receiving partner messages, the same way for every flow: validated at the edge; known by the
// partner's id, so a re-delivered message writes nothing and a changed one is an update;
// acknowledged (its fingerprint kept) only once what it caused is recorded; tried again with
// backoff; parked with its reason after the last try, never dropped. A crash between recording
// and acknowledging re-delivers the message: recording is idempotent by id, so nothing is
// written twice.
// ---------------------------------------------------------------------------------------------

/** A message as the partner delivered it, with where it came from (a page and index, a line, an element). */
export interface InboundMessage {
  readonly where: string
  readonly raw: unknown
}

/** Why a message is refused at the edge, with the partner's id when it could be read. */
export interface Refusal {
  readonly key: string | null
  readonly reason: string
}

/** One partner flow: how its messages are validated and what recording one does. */
export interface InboundFlow<A> {
  /** The flow's name, e.g. `france-travail/offers`. */
  readonly flow: string
  /** Validates a message: the partner's id of it and its value, or why it is refused. */
  readonly decode: (raw: unknown) => Either<Refusal, { readonly key: string; readonly value: A }>
  /** Records what a valid message causes; by key, so that recording it again writes nothing (`unchanged`). */
  readonly record: (value: A, key: string) => TaskEither<string, 'recorded' | 'unchanged'>
  /** What of a value tells a change from a re-delivery (the whole value when absent). */
  readonly fingerprintOf?: (value: A) => unknown
}

/** What became of one message. */
export type InboundOutcome = 'recorded' | 'duplicated' | 'rejected' | 'parked'

/** What a run of messages did: its counts, the keys of its valid messages, its failures. */
export interface InboxRunReport {
  readonly counts: CounterDelta
  /** The keys of the messages that passed validation, in order (a complete sync names every offer held upstream). */
  readonly keys: ReadonlyArray<string>
  /** The messages rejected or parked in this run. */
  readonly failures: ReadonlyArray<InboxFailure>
}

/** What receiving needs. */
export interface InboxDeps {
  readonly inbox: InboxStore
  readonly scheduler: Scheduler
  readonly retry?: RetryPolicy
  readonly logger?: Logger
}

/** A JSON text with keys sorted: equal values give equal fingerprints whatever the partner's key order. */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : typeof v === 'object' && v !== null
      ? `{${Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v)

/** The fingerprint of a value: a SHA-256 of its canonical JSON. */
export const fingerprintOf = (value: unknown): string =>
  createHash('sha256').update(canonical(value)).digest('base64url')

const one = (k: keyof CounterDelta, received: boolean): CounterDelta => ({
  ...noCounts,
  received: received ? 1 : 0,
  [k]: 1,
})

/**
 * Receives a flow's messages into the inbox. `receive` takes one message; `receiveAll` a sequence
 * of them, stopping only if the inbox itself fails (what came before is acknowledged; the rest
 * is delivered again next time); `retryFailures` tries the flow's parked and rejected messages again.
 */
export const inboundReceiver = <A>(deps: InboxDeps, flow: InboundFlow<A>) => {
  const policy = deps.retry ?? defaultRetryPolicy
  const log = deps.logger?.child({ module: 'partnerInbox', flow: flow.flow })
  const at = () => new Date(deps.scheduler.now()).toISOString()

  /** Receives one message; `retrying` when it comes from the failures (it is not counted as received again). */
  const receive = async (
    m: InboundMessage,
    retrying: { readonly attempts: number } | null = null,
  ): Promise<
    Either<InboxFailed, { outcome: InboundOutcome; key: string | null; failure?: InboxFailure }>
  > => {
    const fresh = retrying === null
    const decoded = flow.decode(m.raw)
    if (isLeft(decoded)) {
      const failure: InboxFailure = {
        flow: flow.flow,
        key: decoded.left.key ?? m.where,
        status: 'rejected',
        where: m.where,
        reason: decoded.left.reason,
        attempts: 0,
        at: at(),
        raw: m.raw,
      }
      log?.warn({ where: m.where, key: failure.key, reason: failure.reason }, 'partner message refused')
      const kept = await deps.inbox.fail(failure, fresh ? one('rejected', true) : noCounts)()
      return isLeft(kept) ? kept : right({ outcome: 'rejected', key: null, failure })
    }
    const { key, value } = decoded.right
    const fingerprint = fingerprintOf(flow.fingerprintOf === undefined ? value : flow.fingerprintOf(value))
    const held = await deps.inbox.fingerprint(flow.flow, key)()
    if (isLeft(held)) return held
    if (held.right === fingerprint) {
      const counted = await deps.inbox.count(flow.flow, one('duplicated', fresh))()
      return isLeft(counted) ? counted : right({ outcome: 'duplicated', key })
    }
    let reason = ''
    const firstAttempt = (retrying?.attempts ?? 0) + 1
    const lastAttempt = firstAttempt + policy.maxAttempts - 1
    for (let attempt = firstAttempt; attempt <= lastAttempt; attempt++) {
      const done = await flow.record(value, key)()
      if (!isLeft(done)) {
        const outcome = done.right === 'recorded' ? 'recorded' : 'duplicated'
        // Acknowledged only now that what it caused is recorded.
        const acked = await deps.inbox.acknowledge(flow.flow, key, fingerprint, one(outcome, fresh))()
        return isLeft(acked) ? acked : right({ outcome, key })
      }
      reason = done.left
      log?.warn({ key, attempt, reason }, 'partner message not recorded')
      if (attempt < lastAttempt) await deps.scheduler.sleep(backoffDelay(policy, attempt - firstAttempt + 1))
    }
    const failure: InboxFailure = {
      flow: flow.flow,
      key,
      status: 'parked',
      where: m.where,
      reason,
      attempts: lastAttempt,
      at: at(),
      raw: m.raw,
    }
    log?.error({ key, attempts: lastAttempt, reason }, 'partner message parked')
    const kept = await deps.inbox.fail(failure, fresh ? one('parked', true) : noCounts)()
    return isLeft(kept) ? kept : right({ outcome: 'parked', key, failure })
  }

  const run = async (
    messages: Iterable<InboundMessage> | AsyncIterable<InboundMessage>,
    attemptsOf: (m: InboundMessage) => { readonly attempts: number } | null,
  ): Promise<Either<InboxFailed & { readonly report: InboxRunReport }, InboxRunReport>> => {
    const counts = { ...noCounts }
    const keys: string[] = []
    const failures: InboxFailure[] = []
    const report = (): InboxRunReport => ({ counts: { ...counts }, keys, failures })
    for await (const m of messages) {
      const retrying = attemptsOf(m)
      const r = await receive(m, retrying)
      if (isLeft(r)) return left({ ...r.left, report: report() })
      if (retrying === null) counts.received++
      counts[r.right.outcome]++
      if (r.right.key !== null) keys.push(r.right.key)
      if (r.right.failure !== undefined) failures.push(r.right.failure)
    }
    return right(report())
  }

  return {
    /** Receives one message: recorded, or kept as a failure to retry; a Left only when the inbox fails. */
    receive: (m: InboundMessage) => receive(m),
    /** Receives every message in order; a Left only when the inbox fails (with the report so far). */
    receiveAll: (messages: Iterable<InboundMessage> | AsyncIterable<InboundMessage>) =>
      run(messages, () => null),
    /** Tries the flow's parked and rejected messages again: recorded ones leave the failures, the others stay with their new reason. */
    retryFailures: async () => {
      const kept = await deps.inbox.failures(flow.flow)()
      if (isLeft(kept)) return left({ ...kept.left, report: { counts: noCounts, keys: [], failures: [] } })
      const attempts = new Map(kept.right.map((f) => [f.where, { attempts: f.attempts }]))
      return run(
        kept.right.map((f) => ({ where: f.where, raw: f.raw })),
        (m) => attempts.get(m.where) ?? { attempts: 0 },
      )
    },
  }
}

/** A flow's receiver: `receive`, `receiveAll`, `retryFailures`. */
export type InboundReceiver<A> = ReturnType<typeof inboundReceiver<A>>
