#!/usr/bin/env node
// The parcours command: the only place that exits the process.
import { setFlagsFromString } from 'node:v8'
import { heapGrowthFlags } from './cli/heapGrowth.js'
import { run } from './main.js'

for (const flag of heapGrowthFlags(process.execArgv)) setFlagsFromString(flag)

// A reader that stops early (`parcours report | head -1`) closes the pipe: what is left to print
// has no reader, and the run ends quietly with exit 0, as it would had the output been read.
const endQuietlyOnClosedPipe = (stream: NodeJS.WriteStream) =>
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(0)
    throw error
  })
endQuietlyOnClosedPipe(process.stdout)
endQuietlyOnClosedPipe(process.stderr)

const code = await run(process.argv.slice(2))
// A pipe takes 64 KiB at once and Node queues the rest: exit only once both streams are flushed
// (an empty write's callback runs after every write before it).
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write('', () => resolve()))
await Promise.all([flushed(process.stdout), flushed(process.stderr)])
process.exit(code)
