import { describe, expect, it } from 'vitest'
import { bufferIo, type CliIo } from '../cli/io.js'
import { run } from '../main.js'

// Parcours writes no colour: not on a terminal, not with NO_COLOR, not in tables, help or progress.
// (cli-table3 colours its headers and borders unless told not to; this pins that it is told.)
const SGR = /\u001b\[[0-9;]*m/u
const ESC = /\u001b/u

const terminal = (env: Record<string, string>): CliIo & { out: () => string; err: () => string } => {
  const io = bufferIo({ PARCOURS_STORE: 'memory', ...env })
  return {
    ...io,
    stdout: { write: io.stdout.write, isTTY: true },
    stderr: { write: io.stderr.write, isTTY: true },
  }
}

describe('colours', () => {
  const runs = [
    ['demo', '--youths', '20', '--months', '1', '--missions', '1', '--no-html'],
    ['--as', 'statistician:s-1', 'report'],
    ['--help'],
    ['offer', '--help'],
    ['report', '--no-such-flag'],
  ]

  it('are never written on a terminal with NO_COLOR (the progress bar draws, uncoloured)', async () => {
    for (const argv of runs) {
      const io = terminal({ NO_COLOR: '1' })
      const code = await run(argv, io)
      expect(code, argv.join(' ')).toBe(argv.includes('--no-such-flag') ? 2 : 0)
      // The demo's progress is a bar on a terminal (its shades), drawn with no colour.
      if (argv[0] === 'demo') expect(io.err()).toMatch(/[\u2588\u2591]/u)
      expect(SGR.test(io.out()), argv.join(' ')).toBe(false)
      expect(SGR.test(io.err()), argv.join(' ')).toBe(false)
    }
  })

  it('nor any escape sequence at all off a terminal', async () => {
    for (const argv of runs) {
      const io = bufferIo({ PARCOURS_STORE: 'memory', FORCE_COLOR: '1' })
      await run(argv, io)
      expect(ESC.test(io.out()), argv.join(' ')).toBe(false)
      expect(ESC.test(io.err()), argv.join(' ')).toBe(false)
    }
  })

  it('nor on a terminal without NO_COLOR: the table is plain text', async () => {
    const io = terminal({})
    expect(await run(['--as', 'statistician:s-1', 'report'], io)).toBe(0)
    expect(io.out()).toContain('┌')
    expect(SGR.test(io.out())).toBe(false)
  })
})
