import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { envWithFittingActor } from './testing/fittingActor.js'

// End to end: the built binary, run from a temporary folder, on the default SQLite store.
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..')
const bin = join(root, 'packages/cli/dist/bin.js')
const dir = mkdtempSync(join(tmpdir(), 'parcours-e2e-'))
// better-sqlite3 is the adapters' dependency; the test borrows it to damage the store on purpose.
const Database = createRequire(join(root, 'packages/adapters/package.json'))('better-sqlite3') as new (
  path: string,
) => {
  prepare: (sql: string) => { get: (...a: unknown[]) => unknown; run: (...a: unknown[]) => unknown }
  close: () => void
}

const parcours = (...argv: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...argv], {
    cwd: dir,
    encoding: 'utf8',
    env: envWithFittingActor({ ...process.env, PARCOURS_STORE: '', PARCOURS_AS: undefined }, argv),
    timeout: 120_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const eventCount = (): number => {
  const db = new Database(join(dir, 'parcours.db'))
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n
  } finally {
    db.close()
  }
}

beforeAll(() => {
  // Build the CLI and the packages it uses (type errors elsewhere do not stop the emit).
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-b', 'packages/cli'], { cwd: root, stdio: 'ignore' })
  } catch {
    // Reported by the type-check step of CI; the binary is checked below.
  }
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the parcours binary', () => {
  it('is built', () => {
    expect(existsSync(bin), `${bin} is missing: run npx tsc -b packages/cli`).toBe(true)
  })

  it('runs the demo on SQLite and leaves the report', () => {
    const r = parcours('demo', '--youths', '200', '--months', '6')
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/Simulated 200 young people in 5 missions locales, 2025-01 to 2025-06 \(seed 42\)/)
    expect(r.out).toContain('Premiers accueils')
    expect(r.out).toContain('Taux de sorties positives')
    expect(existsSync(join(dir, 'parcours-report.html'))).toBe(true)
    expect(existsSync(join(dir, 'parcours.db.keys'))).toBe(true)
  })

  it('shows a journey, a worklist and the dashboard', () => {
    const show = parcours('show', '--youth', 'y-00001', '--mission-locale', 'ml-grenoble', '--json')
    expect(show.code, show.err).toBe(0)
    const journey = JSON.parse(show.out) as {
      missionLocaleId: string
      identity: { firstName: string }
      items: Array<{ type: string; details: { counsellorId?: string } }>
    }
    expect(journey.items[0]?.type).toBe('YouthRegistered')
    expect(journey.identity.firstName.length).toBeGreaterThan(0)
    const counsellor = journey.items[0]?.details.counsellorId as string
    const alerts = parcours(
      'alerts',
      '--counsellor',
      counsellor,
      '--mission-locale',
      journey.missionLocaleId,
      '--at',
      '2025-06-30',
    )
    expect(alerts.code, alerts.err).toBe(0)
    expect(alerts.out).toContain(`Worklist of ${counsellor} (${journey.missionLocaleId}) as of 2025-06-30`)
    const report = parcours('report', '--json')
    expect(report.code, report.err).toBe(0)
    const dashboard = JSON.parse(report.out) as {
      totals: { firstReceptions: number }
      missionLocales: unknown[]
    }
    expect(dashboard.totals.firstReceptions).toBe(200)
    expect(dashboard.missionLocales).toHaveLength(5)
  })

  it('writes all of a long output to a pipe before it exits', () => {
    // A pipe holds 64 KiB; with a reader that starts late, the rest waits in the process and
    // must be flushed before it exits.
    const command = `"${process.execPath}" "${bin}" --store memory demo --youths 300 --months 9 --json --no-html | (sleep 1; cat)`
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', command], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout.length).toBeGreaterThan(65_536)
    expect((JSON.parse(r.stdout) as { totals: { firstReceptions: number } }).totals.firstReceptions).toBe(300)
  })

  it('rebuilds the read models to the same dashboard, and verifies the store', () => {
    const before = parcours('report', '--json').out
    const rebuilt = parcours('rebuild')
    expect(rebuilt.code, rebuilt.err).toBe(0)
    expect(rebuilt.out).toContain('rebuilt from zero')
    expect(parcours('report', '--json').out).toBe(before)
    const verify = parcours('verify')
    expect(verify.code, verify.err).toBe(0)
    expect(verify.out).toMatch(/^\d+ events in 200 streams decode\.\n$/)
  })

  it('refuses bad input with the documented exit codes, and writes nothing', () => {
    const before = eventCount()
    const young = parcours(
      'register',
      '--youth',
      'y-new',
      '--mission-locale',
      'ml-amiens',
      '--counsellor',
      'c-amiens-1',
      '--birth-date',
      '2010-01-01',
      '--on',
      '2025-06-01',
    )
    expect(young.code).toBe(1)
    expect(young.err).toContain('NotEligible')
    const unknownFlag = parcours('report', '--pie-chart')
    expect(unknownFlag.code).toBe(2)
    expect(unknownFlag.err).toContain("unknown option '--pie-chart'")
    const badDate = parcours('tick', '--at', '2025-06-31')
    expect(badDate.code).toBe(2)
    expect(badDate.err).toMatch(/--at <date>.*2025-06-31.*YYYY-MM-DD/)
    const last = JSON.parse(
      parcours('show', '--youth', 'y-00200', '--mission-locale', 'ml-dijon', '--json').out,
    ) as {
      missionLocaleId: string
    }
    const outcome = parcours(
      'outcome',
      '--youth',
      'y-00200',
      '--mission-locale',
      last.missionLocaleId,
      '--proposal',
      'p-404',
      '--outcome',
      'carried-out',
      '--on',
      '2025-06-30',
    )
    expect(outcome.code).toBe(1)
    expect(outcome.err).toContain('UnknownProposal')
    expect(eventCount()).toBe(before)
  })

  it('follows the log live with project --follow until interrupted', async () => {
    expect(parcours('project').code).toBe(0)
    const worker = spawn(process.execPath, [bin, '--log-level', 'debug', 'project', '--follow'], {
      cwd: dir,
      env: envWithFittingActor({ ...process.env, PARCOURS_STORE: '', PARCOURS_AS: undefined }, [
        'project',
        '--follow',
      ]),
    })
    let out = ''
    let err = ''
    worker.stdout.on('data', (d: Buffer) => (out += d.toString()))
    worker.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const exited = new Promise<number | null>((done) => worker.on('exit', (code) => done(code)))
    // Each wait ends on what the worker writes (or its exit): a hang is the test timeout's to report.
    const untilStderr = (seen: (text: string) => boolean) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (seen(err)) {
            worker.stderr.off('data', check)
            resolve()
          }
        }
        worker.stderr.on('data', check)
        void exited.then((code) => reject(new Error(`the worker exited (${code}) first: ${err}`)))
        check()
      })
    await untilStderr((text) => text.includes('following the event log'))
    const registered = parcours(
      'register',
      '--youth',
      'y-live',
      '--mission-locale',
      'ml-amiens',
      '--counsellor',
      'c-amiens-1',
      '--birth-date',
      '2005-01-01',
      '--on',
      '2025-06-30',
    )
    expect(registered.code, registered.err).toBe(0)
    // The worker commits the new events: its debug log says so, with the count applied.
    const committedAtLeast = (n: number) => (text: string) =>
      text
        .split('\n')
        .filter((l) => l.includes('"batch committed"'))
        .some((l) => (JSON.parse(l) as { events: number }).events >= n)
    await untilStderr(committedAtLeast(2))
    worker.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(out).toMatch(/Stopped following: ([2-9]|\d\d+) events applied/)
  })

  it('lists a corrupt event with its stream and revision, and exits non-zero', () => {
    const db = new Database(join(dir, 'parcours.db'))
    const { revision } = db
      .prepare("SELECT MAX(revision) + 1 AS revision FROM events WHERE stream_name = 'journey-y-00003'")
      .get() as { revision: number }
    db.prepare(
      'INSERT INTO events (event_id, stream_name, revision, event_type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      '0b0b0b0b-0000-4000-8000-000000000001',
      'journey-y-00003',
      revision,
      'ProposalOffered',
      '{"theme":"moon-landing"}',
      '{"schemaVersion":1}',
      new Date().toISOString(),
    )
    db.close()
    const verify = parcours('verify')
    expect(verify.code).toBe(3)
    expect(verify.out).toContain(`BAD corrupt event in stream journey-y-00003 at revision ${revision}`)
    expect(verify.err).toContain('1 stored event(s) fail to decode')
  })
})
