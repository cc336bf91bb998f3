import type { Scheduler } from '../inbox/scheduler.js'

// ---------------------------------------------------------------------------------------------
// a token bucket on an injected clock: `take` resolves once a request may go, so that a client
// never sends more than `ratePerSecond` requests a second on average, and at most `burst` at once.
// ---------------------------------------------------------------------------------------------

/** A rate limiter: `take()` resolves when the next request may be sent. */
export interface TokenBucket {
  /** Resolves when the next request may be sent, taking its token. */
  readonly take: () => Promise<void>
}

/**
 * A bucket refilled at `ratePerSecond`, holding at most `burst` tokens (full at the start). The
 * default burst of 1 spaces requests evenly, so that no second ever holds more than the rate.
 */
export const tokenBucket = (
  scheduler: Scheduler,
  options: { readonly ratePerSecond: number; readonly burst?: number },
): TokenBucket => {
  const capacity = options.burst ?? 1
  const msPerToken = 1000 / options.ratePerSecond
  let tokens = capacity
  let at = scheduler.now()
  // Takers queue up so that two concurrent requests never spend the same token.
  let queue: Promise<void> = Promise.resolve()
  const refill = () => {
    const now = scheduler.now()
    tokens = Math.min(capacity, tokens + (now - at) / msPerToken)
    at = now
  }
  const takeOne = async () => {
    refill()
    while (tokens < 1) {
      await scheduler.sleep(Math.ceil((1 - tokens) * msPerToken))
      refill()
    }
    tokens -= 1
  }
  return {
    take: () => {
      const next = queue.then(takeOne)
      queue = next
      return next
    },
  }
}
