import { describe, expect, it } from 'vitest'
import { createDayOrder, inPool } from './dayOrder.js'

describe('the day order', () => {
  it('lets a place through once every place before it has finished, in any order', async () => {
    const order = createDayOrder(4)
    const through: number[] = []
    const waiting = [3, 2, 1].map((place) => order.turn(place).then(() => through.push(place)))
    order.finish(2)
    order.finish(0)
    await Promise.resolve()
    expect(through).toEqual([1])
    order.finish(1)
    await Promise.all(waiting)
    expect([...through].sort()).toEqual([1, 2, 3])
    await order.turn(0)
  })

  it('runs at most `limit` at a time, in order, and after a failure starts no new one', async () => {
    let running = 0
    let most = 0
    const started: number[] = []
    const run = inPool([0, 1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      started.push(item)
      running += 1
      most = Math.max(most, running)
      await Promise.resolve()
      running -= 1
      if (item === 4) throw new Error('item 4 failed')
    })
    await expect(run).rejects.toThrow('item 4 failed')
    expect(most).toBe(3)
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6])
  })
})
