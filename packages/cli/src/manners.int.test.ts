import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The built binary in the shell's hands: what pnpm adds to its output, closed pipes, exit codes.
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..')
const bin = join(root, 'packages/cli/dist/bin.js')
const dir = mkdtempSync(join(tmpdir(), 'parcours-manners-'))
const env = { ...process.env, PARCOURS_STORE: `sqlite:${join(dir, 'p.db')}`, PARCOURS_AS: 'statistician:s-1' }
const version = (
  JSON.parse(
    execFileSync('node', ['-p', 'JSON.stringify(require("./packages/cli/package.json"))'], {
      cwd: root,
      encoding: 'utf8',
    }),
  ) as { version: string }
).version

const sh = (script: string, cwd = root) =>
  spawnSync('bash', ['-o', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8', timeout: 120_000 })

/** Runs the binary with its stdout closed before it writes a byte: what it says, and how it ends. */
const withClosedStdout = (argv: ReadonlyArray<string>, as?: string) =>
  new Promise<{ code: number | null; err: string }>((done, fail) => {
    const child = spawn(process.execPath, [bin, ...argv], {
      env: as === undefined ? env : { ...env, PARCOURS_AS: as },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.destroy()
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, err }))
  })

let youth = ''
let missionLocale = ''
let counsellor = ''

beforeAll(() => {
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-b', 'packages/cli'], { cwd: root, stdio: 'ignore' })
  } catch {
    // Reported by the type-check step of CI; the runs below fail if the binary is missing.
  }
  const demo = spawnSync(process.execPath, [bin, 'demo', '--youths', '60', '--months', '2', '--no-html'], {
    env,
    encoding: 'utf8',
  })
  if (demo.status !== 0) throw new Error(demo.stderr)
  const shown = JSON.parse(
    execFileSync(
      process.execPath,
      [
        bin,
        '--as',
        'manager:m-1@ml-grenoble',
        'show',
        '--youth',
        'y-00001',
        '--mission-locale',
        'ml-grenoble',
        '--json',
      ],
      { env, encoding: 'utf8' },
    ),
  ) as { youthId: string; missionLocaleId: string; items: Array<{ details: { counsellorId?: string } }> }
  youth = shown.youthId
  missionLocale = shown.missionLocaleId
  counsellor = shown.items[0]?.details.counsellorId ?? ''
}, 180_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('parcours as a command of the shell', () => {
  it('runs as `pnpm parcours` and `pnpm exec parcours` with only its own output on stdout', () => {
    for (const command of ['pnpm parcours', 'pnpm exec parcours']) {
      const plain = sh(`${command} --version`)
      expect([plain.status, plain.stdout], plain.stderr).toEqual([0, `${version}\n`])
      const piped = sh(
        `${command} report --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(Object.keys(JSON.parse(s)).join()))'`,
      )
      expect(piped.status, piped.stderr).toBe(0)
      expect(piped.stdout).toMatch(/^missionLocaleId,from,to,months,totals/)
    }
  }, 60_000)

  it('ends quietly with exit 0 when the reader has closed the pipe', async () => {
    const runs: Array<[ReadonlyArray<string>, string?]> = [
      [['report']],
      [['report', '--json']],
      [['--help']],
      [['report', '--help']],
      [['show', '--youth', youth, '--mission-locale', missionLocale], `manager:m-1@${missionLocale}`],
      [
        ['alerts', '--counsellor', counsellor, '--mission-locale', missionLocale],
        `counsellor:${counsellor}@${missionLocale}`,
      ],
    ]
    for (const [argv, as] of runs) {
      const r = await withClosedStdout(argv, as)
      expect([r.code, r.err], argv.join(' ')).toEqual([0, ''])
    }
  }, 60_000)

  it('ends quietly when `head` stops reading', () => {
    const report = sh(`node ${bin} report | head -1`)
    expect([report.status, report.stderr]).toEqual([0, ''])
    expect(report.stdout).toMatch(/^Indicateurs/)
    const help = sh(`node ${bin} --help | head -1`)
    expect([help.status, help.stdout, help.stderr]).toEqual([0, 'Usage: parcours [options] [command]\n', ''])
  })

  it('keeps its exit codes under --json, with the error as one JSON object on stderr', () => {
    const cases: Array<[string, number, string]> = [
      [`node ${bin} report --json --no-such-flag`, 2, 'usage'],
      [
        `node ${bin} --as counsellor:c-1@ml-x offer --youth y-none --mission-locale ml-x --theme housing --respond-by 2025-04-01 --json`,
        1,
        'refused',
      ],
      [
        `node ${bin} --as operator:o-1 --store sqlite:/nonexistent-parcours-dir/p.db verify --json`,
        3,
        'infrastructure',
      ],
    ]
    for (const [script, exitCode, code] of cases) {
      const r = sh(script)
      expect([r.status, r.stdout], r.stderr).toEqual([exitCode, ''])
      const lines = r.stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(JSON.parse(lines[0] as string)).toEqual({
        error: { code, exitCode, message: expect.any(String) as string },
      })
    }
  })

  it('asks before erasing on a terminal, and refuses without --yes off one', () => {
    const erase = `node ${bin} --as manager:m-1@${missionLocale} erase --youth ${youth} --mission-locale ${missionLocale}`
    // script(1) runs the command on a pseudo-terminal and types what it reads on stdin.
    const declined = sh(`printf 'no\\n' | script -qec '${erase}' /dev/null`)
    expect(declined.status).toBe(1)
    expect(declined.stdout).toContain(`Type ${youth} to confirm`)
    expect(declined.stdout).toContain('not confirmed')
    const piped = sh(`echo ${youth} | ${erase}`)
    expect([piped.status, piped.stderr]).toEqual([2, expect.stringContaining('pass --yes')])
    const shown = sh(
      `node ${bin} --as manager:m-1@${missionLocale} show --youth ${youth} --mission-locale ${missionLocale}`,
    )
    expect(shown.stdout).not.toContain('personal data erased')
  })
})
