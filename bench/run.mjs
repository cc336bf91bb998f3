// Runs the benchmark scenarios and prints one JSON document `{ scenarios: [...] }`, also written
// to bench/results/latest.json (bench/results/national.json for `national`, national-<N>y.json
// for a year of PARCOURS_NATIONAL_YOUTHS=N young people). Each case runs in its
// own process (so its peak RSS is its own), with its peers in the same process, one after another.
// Usage: node bench/run.mjs [--quick] [scenario ...]   scenarios: the files of bench/scenarios/
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { basename, join } from 'node:path'

const here = import.meta.dirname
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const wanted = args.filter((a) => !a.startsWith('--'))
const files = readdirSync(join(here, 'scenarios'))
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => basename(f, '.mjs'))
  .filter((f) => (wanted.length === 0 ? f !== 'national' : wanted.includes(f)))
  .sort()

// Files the cases share (a generated history), removed at the end of the run.
const shared = mkdtempSync(join(tmpdir(), 'parcours-bench-run-'))
process.on('exit', () => rmSync(shared, { recursive: true, force: true }))
const MARKER = '@@bench-rows@@'
/** What a case printed after its marker line (lib/child.mjs). */
const rowsOf = (stdout) => {
  const at = stdout.lastIndexOf(`${MARKER}\n`)
  if (at < 0) throw new Error(`a case printed no result: ${stdout.slice(-500)}`)
  return JSON.parse(stdout.slice(at + MARKER.length + 1))
}
const child = (file, ...rest) =>
  execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=4096',
      join(here, 'lib', 'child.mjs'),
      file,
      ...rest,
      ...(quick ? ['--quick'] : []),
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, PARCOURS_BENCH_TMP: shared },
    },
  )

// The national year of another size than the default is kept beside it, by its size.
const nationalYouths = process.env.PARCOURS_NATIONAL_YOUTHS
const resultsFile =
  wanted.length === 1 && wanted[0] === 'national'
    ? nationalYouths === undefined || Number(nationalYouths) === 1_000_000
      ? 'national.json'
      : `national-${Number(nationalYouths)}y.json`
    : 'latest.json'

const started = Date.now()
const loadAtStart = loadavg().map((l) => Number(l.toFixed(2)))
const scenarios = []
for (const file of files) {
  const cases = rowsOf(child(file, '--list'))
  for (const name of cases) {
    process.stderr.write(`bench: ${file} ${name}\n`)
    try {
      scenarios.push(...rowsOf(child(file, name)))
    } catch (e) {
      // A failed case is a row saying so; the others still run and are kept.
      scenarios.push({ name: `${file}: ${name}`, error: String(e?.message ?? e).split('\n')[0] })
      process.exitCode = 1
    }
    // What is measured so far is kept, should a later case fail.
    writeFileSync(join(shared, 'partial.json'), JSON.stringify(scenarios))
    process.stderr.write(`${JSON.stringify(scenarios[scenarios.length - 1])}\n`)
  }
}
const document = {
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 2 ** 30),
    // 1, 5 and 15-minute load averages at the start and end of the run (the machine is shared).
    loadAverage: { start: loadAtStart, end: loadavg().map((l) => Number(l.toFixed(2))) },
  },
  quick,
  seconds: Math.round((Date.now() - started) / 1000),
  scenarios,
}
const text = `${JSON.stringify(document, null, 2)}\n`
mkdirSync(join(here, 'results'), { recursive: true })
writeFileSync(join(here, 'results', resultsFile), text)
process.stdout.write(text)
