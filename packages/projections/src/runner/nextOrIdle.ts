/** What `nextOrIdle` resolves to when nothing came in time. */
export const IDLE = Symbol('idle')

/** The pending `next` message, or IDLE when `idleMs` passes first (no timer when `idleMs` is undefined). */
export const nextOrIdle = async <T>(
  next: Promise<T>,
  idleMs: number | undefined,
): Promise<T | typeof IDLE> => {
  if (idleMs === undefined) return next
  let timer: NodeJS.Timeout | undefined
  const idle = new Promise<typeof IDLE>((resolve) => (timer = setTimeout(() => resolve(IDLE), idleMs)))
  try {
    return await Promise.race([next, idle])
  } finally {
    clearTimeout(timer)
  }
}
