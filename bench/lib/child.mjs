// Runs one case of a scenario file (or lists its cases with --list) and prints its rows as JSON.
import { join } from 'node:path'

// Libraries measured beside ours may print (Emmett-sqlite logs its SQLITE_BUSY errors): their
// output goes to stderr, and the rows follow a marker line, so nothing else can be taken for them.
const out = process.stdout.write.bind(process.stdout)
process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest)
export const RESULT_MARKER = '@@bench-rows@@'
const print = (value) => out(`\n${RESULT_MARKER}\n${JSON.stringify(value)}\n`)

const [file, name, ...rest] = process.argv.slice(2)
const quick = rest.includes('--quick') || name === '--quick'
const scenario = await import(join(import.meta.dirname, '..', 'scenarios', `${file}.mjs`))
const cases = scenario.cases({ quick })
if (name === '--list') {
  print(cases.map((c) => c.name))
} else {
  const found = cases.find((c) => c.name === name)
  if (found === undefined) throw new Error(`no case ${name} in ${file}`)
  print(await found.run())
}
