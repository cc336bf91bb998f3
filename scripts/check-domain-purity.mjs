// The domain is pure: no clock, randomness, console, process or Node built-ins in its sources.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = 'packages/domain/src'
const forbidden = [
  [/\bDate\.now\s*\(/, 'reads the clock (Date.now)'],
  [/\bnew\s+Date\s*\(\s*\)/, 'reads the clock (new Date())'],
  [/\bMath\.random\b/, 'uses randomness (Math.random)'],
  [/\bconsole\./, 'logs (console)'],
  [/\bprocess\./, 'touches the process'],
  [/from\s+['"]node:/, 'imports a Node built-in'],
  [/\brequire\s*\(/, 'uses require'],
  [/\bsetTimeout\b|\bsetInterval\b/, 'uses timers'],
]
const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
const problems = []
for (const file of files(root)) {
  if (file.endsWith('.test.ts') || file.includes('/testing/')) continue
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      for (const [pattern, why] of forbidden)
        if (pattern.test(line)) problems.push(`${file}:${i + 1}: ${why}: ${line.trim()}`)
    })
}
if (problems.length > 0) {
  console.error(`The domain must stay pure:\n${problems.join('\n')}`)
  process.exit(1)
}
console.log(`domain purity: ${files(root).length} files checked, none impure`)
