import { describe, expect, it } from 'vitest'
import { manualScheduler } from '../inbox/scheduler.js'
import { tokenBucket } from './tokenBucket.js'

describe('token bucket', () => {
  it('never lets more than the rate through in any second, waiting on the injected clock', async () => {
    const clock = manualScheduler(0)
    const bucket = tokenBucket(clock, { ratePerSecond: 3 })
    const times: number[] = []
    for (let i = 0; i < 10; i++) {
      await bucket.take()
      times.push(clock.now())
    }
    expect(times[0]).toBe(0)
    for (const t of times) expect(times.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(3)
    expect(times[9]).toBeLessThan(3100) // and no slower than the rate
    expect(clock.sleeps.length).toBe(9)
  })

  it('serves concurrent takers one token each', async () => {
    const clock = manualScheduler(0)
    const bucket = tokenBucket(clock, { ratePerSecond: 2, burst: 2 })
    const times: number[] = []
    await Promise.all(Array.from({ length: 4 }, () => bucket.take().then(() => times.push(clock.now()))))
    expect(times).toEqual([0, 0, 500, 1000])
  })
})
