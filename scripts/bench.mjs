// Runs every benchmark in scripts/bench/ (each prints one JSON object) and prints them as one JSON document.
// Usage: pnpm bench [name ...]   e.g. pnpm bench storeAppend
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { cpus } from 'node:os'

const dir = join(import.meta.dirname, 'bench')
const wanted = process.argv.slice(2)
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => wanted.length === 0 || wanted.includes(basename(f, '.mjs')))
  .sort()

const results = {}
for (const file of scripts) {
  process.stderr.write(`bench: ${file}\n`)
  const out = execFileSync(process.execPath, ['--expose-gc', join(dir, file)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  })
  results[basename(file, '.mjs')] = JSON.parse(out)
}
console.log(
  JSON.stringify(
    { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', results },
    null,
    2,
  ),
)
