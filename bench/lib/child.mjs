// Runs one case of a scenario file (or lists its cases with --list) and prints its rows as JSON.
import { join } from 'node:path'

const [file, name, ...rest] = process.argv.slice(2)
const quick = rest.includes('--quick') || name === '--quick'
const scenario = await import(join(import.meta.dirname, '..', 'scenarios', `${file}.mjs`))
const cases = scenario.cases({ quick })
if (name === '--list') {
  process.stdout.write(JSON.stringify(cases.map((c) => c.name)))
} else {
  const found = cases.find((c) => c.name === name)
  if (found === undefined) throw new Error(`no case ${name} in ${file}`)
  process.stdout.write(JSON.stringify(await found.run()))
}
