// ---------------------------------------------------------------------------------------------
// the order of one day's young people: they act concurrently, but what they share (a session's
// seats) is touched in their order, so a run does not depend on how their commands interleave
// ---------------------------------------------------------------------------------------------

/** The day's young people by place (0, 1, …): who has finished, and waiting for one's turn. */
export interface DayOrder {
  /** Resolves once every young person placed before `place` has finished the day. */
  readonly turn: (place: number) => Promise<void>
  /** The young person at `place` has finished the day (idempotent). */
  readonly finish: (place: number) => void
}

/** An order of `size` places, none finished yet. */
export const createDayOrder = (size: number): DayOrder => {
  const finished = new Uint8Array(size)
  // Every place below `lowest` has finished.
  let lowest = 0
  const waiting = new Map<number, () => void>()
  const wakeUp = () => {
    for (const [place, resolve] of waiting)
      if (place <= lowest) {
        waiting.delete(place)
        resolve()
      }
  }
  return {
    turn: (place) =>
      place <= lowest ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(place, resolve)),
    finish: (place) => {
      if (place < 0 || place >= size) return
      finished[place] = 1
      const before = lowest
      while (lowest < size && finished[lowest] === 1) lowest += 1
      if (lowest !== before) wakeUp()
    },
  }
}

/**
 * Runs `act` for every item, at most `limit` at a time, taking them in order; once one fails, no
 * new one starts, the ones under way finish, and the first failure is thrown.
 */
export const inPool = async <T>(
  items: ReadonlyArray<T>,
  limit: number,
  act: (item: T, place: number) => Promise<void>,
): Promise<void> => {
  let next = 0
  let failure: { readonly error: unknown } | undefined
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const place = next++
      try {
        await act(items[place] as T, place)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  if (failure !== undefined) throw failure.error
}
