// What every scenario shares: medians of rounds after a warm-up, peak RSS, and one result row
// per peer (another library, or a bare loop doing the same work with no library).
import { loadavg } from 'node:os'

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** The process's peak resident set so far, in MB. */
export const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024)

/**
 * Runs `round` once to warm up, then `rounds` times; each call returns the operations it did and
 * the seconds they took. Returns the median rate in operations per second.
 */
export const rate = async (round, rounds) => {
  await round('warmup')
  const rates = []
  for (let r = 0; r < rounds; r++) {
    globalThis.gc?.()
    const { ops, seconds } = await round(r)
    rates.push(ops / seconds)
  }
  return Math.round(median(rates))
}

/** Times `f`, which returns how many operations it did. */
export const timed = async (f) => {
  const started = process.hrtime.bigint()
  const ops = await f()
  return { ops, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
}

/** The rows of a scenario: ours alone, or beside each peer. */
export const rows = (name, size, ours, peakRss, peers = [], extra = {}) => {
  // The machine is shared: the 1-minute load average when the case ended goes with its figures.
  const loadAverage = Number(loadavg()[0].toFixed(2))
  return peers.length === 0
    ? [{ name, size, opsPerSec: ours, peakRssMB: peakRss, loadAverage, ...extra }]
    : peers.map(({ peer, opsPerSec, ...rest }) => ({
        name,
        size,
        opsPerSec: ours,
        peakRssMB: peakRss,
        peer,
        peerOpsPerSec: opsPerSec,
        ratio: Number((ours / opsPerSec).toFixed(2)),
        loadAverage,
        ...extra,
        ...rest,
      }))
}

/** Unwraps a TaskEither's result or throws with its error. */
export const must = async (task) => {
  const r = await task()
  if (r._tag === 'Left')
    throw new Error(JSON.stringify(r.left, (_, v) => (typeof v === 'bigint' ? String(v) : v)))
  return r.right
}
