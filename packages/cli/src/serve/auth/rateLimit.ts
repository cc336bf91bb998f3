// ---------------------------------------------------------------------------------------------
// utils: failed logins counted per key (a login, an address) over a sliding window
// ---------------------------------------------------------------------------------------------

/** A limit: at most `max` failures per `windowMs`. */
export interface RateLimit {
  readonly max: number
  readonly windowMs: number
}

/** Counts failures per key; a key over its limit is blocked until its oldest failure leaves the window. */
export interface FailureCounter {
  /** Seconds until the key may try again; 0 when it may now. */
  readonly blockedFor: (key: string, now: number) => number
  readonly fail: (key: string, now: number) => void
  readonly clear: (key: string) => void
}

/** A counter in memory (the server's life; a restart forgets it). */
export const failureCounter = (limit: RateLimit): FailureCounter => {
  const failures = new Map<string, number[]>()
  const recent = (key: string, now: number): number[] => {
    const kept = (failures.get(key) ?? []).filter((at) => now - at < limit.windowMs)
    if (kept.length === 0) failures.delete(key)
    else failures.set(key, kept)
    return kept
  }
  return {
    blockedFor: (key, now) => {
      const kept = recent(key, now)
      const oldest = kept[0]
      return kept.length < limit.max || oldest === undefined
        ? 0
        : Math.ceil((oldest + limit.windowMs - now) / 1000)
    },
    fail: (key, now) => {
      failures.set(key, [...recent(key, now), now])
    },
    clear: (key) => void failures.delete(key),
  }
}
