// ---------------------------------------------------------------------------------------------
// time for the inbound flows: a clock and a way to wait, injected so that tests drive time
// instead of sleeping, and the backoff between two attempts.
// ---------------------------------------------------------------------------------------------

/** A clock and a way to wait on it. */
export interface Scheduler {
  /** Milliseconds since the epoch. */
  readonly now: () => number
  /** Resolves once `ms` milliseconds have passed on this clock. */
  readonly sleep: (ms: number) => Promise<void>
}

/** The real clock and timers. */
export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((done) => setTimeout(done, Math.max(0, ms))),
}

/** A clock that only moves when it is slept on: every wait is recorded and returns at once (tests). */
export interface ManualScheduler extends Scheduler {
  /** The waits asked for, in order. */
  readonly sleeps: ReadonlyArray<number>
  /** Moves the clock on without a wait. */
  readonly advance: (ms: number) => void
}

/** A manual scheduler starting at `start` (ms since the epoch). */
export const manualScheduler = (start = Date.UTC(2026, 0, 5, 9)): ManualScheduler => {
  let now = start
  const sleeps: number[] = []
  return {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += Math.max(0, ms)
    },
    advance: (ms) => {
      now += ms
    },
    sleeps,
  }
}

/** How many times a message is tried, and how long to wait between tries. */
export interface RetryPolicy {
  /** Tries before a message is parked (at least 1). */
  readonly maxAttempts: number
  /** The wait after the first failure; it doubles after each one. */
  readonly baseDelayMs: number
  /** The longest wait. */
  readonly maxDelayMs: number
}

/** Five tries, waiting 0.5 s, 1 s, 2 s, 4 s between them. */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 }

/** The wait after failed attempt number `attempt` (1-based): exponential, capped. */
export const backoffDelay = (policy: RetryPolicy, attempt: number): number =>
  Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
