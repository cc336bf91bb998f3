import { describe, expect, it } from 'vitest'
import { HEAP_GROWING_PERCENT, heapGrowthFlags } from './heapGrowth.js'

describe('the heap growth the CLI asks V8 for', () => {
  it('is 1.5 times the live heap when node was started without a say on it', () => {
    expect(HEAP_GROWING_PERCENT).toBe(50)
    expect(heapGrowthFlags([])).toEqual(['--heap-growing-percent=50'])
    expect(heapGrowthFlags(['--max-old-space-size=4096', '--enable-source-maps'])).toEqual([
      '--heap-growing-percent=50',
    ])
  })

  it("leaves the node command line's own setting alone, in either spelling", () => {
    expect(heapGrowthFlags(['--heap-growing-percent=0'])).toEqual([])
    expect(heapGrowthFlags(['--enable-source-maps', '--heap_growing_percent=200'])).toEqual([])
    expect(heapGrowthFlags(['--heap-growing-percent', '20'])).toEqual([])
  })
})
