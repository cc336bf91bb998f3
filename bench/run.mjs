// Runs the benchmark scenarios and prints one JSON document `{ scenarios: [...] }`, also written
// to bench/results/latest.json (bench/results/national.json for `national`). Each case runs in its
// own process (so its peak RSS is its own), with its peers in the same process, one after another.
// Usage: node bench/run.mjs [--quick] [scenario ...]   scenarios: the files of bench/scenarios/
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
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
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  )

const started = Date.now()
const scenarios = []
for (const file of files) {
  const cases = JSON.parse(child(file, '--list'))
  for (const name of cases) {
    process.stderr.write(`bench: ${file} ${name}\n`)
    scenarios.push(...JSON.parse(child(file, name)))
  }
}
const document = {
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 2 ** 30),
  },
  quick,
  seconds: Math.round((Date.now() - started) / 1000),
  scenarios,
}
const text = `${JSON.stringify(document, null, 2)}\n`
mkdirSync(join(here, 'results'), { recursive: true })
writeFileSync(
  join(here, 'results', wanted.length === 1 && wanted[0] === 'national' ? 'national.json' : 'latest.json'),
  text,
)
process.stdout.write(text)
