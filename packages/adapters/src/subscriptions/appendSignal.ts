// ---------------------------------------------------------------------------------------------
// model: how a live subscription learns that there may be something new to read.
// ---------------------------------------------------------------------------------------------

/** Wakes the subscriptions waiting for appends. */
export interface AppendSignal {
  /** Called after every append. */
  readonly notify: () => void
  /** Resolves at the next append, when `signal` aborts, or after `timeoutMs` (a poll for other processes). */
  readonly wait: (signal: AbortSignal, timeoutMs?: number) => Promise<void>
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/** An in-process append signal. */
export const createAppendSignal = (): AppendSignal => {
  const waiters = new Set<() => void>()
  return {
    notify: () => {
      if (waiters.size === 0) return
      const woken = [...waiters]
      waiters.clear()
      for (const wake of woken) wake()
    },
    wait: (signal, timeoutMs) =>
      new Promise<void>((resolve) => {
        if (signal.aborted) return resolve()
        let timer: ReturnType<typeof setTimeout> | undefined
        const wake = () => {
          waiters.delete(wake)
          signal.removeEventListener('abort', wake)
          if (timer !== undefined) clearTimeout(timer)
          resolve()
        }
        waiters.add(wake)
        signal.addEventListener('abort', wake, { once: true })
        if (timeoutMs !== undefined) timer = setTimeout(wake, timeoutMs)
      }),
  }
}
