#!/usr/bin/env node
// The `parcours-esdb-standin` command as installed. It runs the compiled stand-in; in a clone of the
// repository the command is linked from `pnpm install` on, before anything is built, so say what to
// do then.
import { existsSync } from 'node:fs'

const program = new URL('../dist/esdb/standIn/bin.js', import.meta.url)
if (!existsSync(program)) {
  process.stderr.write(
    'parcours-esdb-standin: not built yet: run `pnpm run build` in the repository first.\n',
  )
  process.exit(3)
}
await import(program.href)
