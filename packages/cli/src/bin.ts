#!/usr/bin/env node
// The parcours command: the only place that exits the process.
import { run } from './main.js'

const code = await run(process.argv.slice(2))
// A pipe takes 64 KiB at once and Node queues the rest: exit only once both streams are flushed
// (an empty write's callback runs after every write before it).
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write('', () => resolve()))
await Promise.all([flushed(process.stdout), flushed(process.stderr)])
process.exit(code)
