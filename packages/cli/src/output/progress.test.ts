import { describe, expect, it } from 'vitest'
import { createProgress } from './progress.js'

describe('progress off a terminal', () => {
  it('writes a plain line at each tenth, not at every step', () => {
    const lines: string[] = []
    const p = createProgress({ write: (s: string) => lines.push(s), isTTY: false }, 'simulating')
    for (let i = 0; i <= 200; i++) p.update(i, 200)
    p.stop()
    expect(lines).toHaveLength(11)
    expect(lines[0]).toBe('simulating: 0% (0/200)\n')
    expect(lines[10]).toBe('simulating: 100% (200/200)\n')
  })
})
