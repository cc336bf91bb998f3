#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { startEsdbStandIn } from './startEsdbStandIn.js'

// `pnpm esdb-standin --port 2113`: runs the stand-in until SIGINT or SIGTERM.
const usage = 'usage: esdb-standin [--port 2113]   (0 picks a free port)'
let port: number
try {
  const args = process.argv.slice(2).filter((arg) => arg !== '--')
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string', default: '2113' }, help: { type: 'boolean' } },
  })
  if (values.help === true) {
    process.stdout.write(`${usage}\n`)
    process.exit(0)
  }
  port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got ${values.port}`)
} catch (error) {
  process.stderr.write(`esdb-standin: ${error instanceof Error ? error.message : String(error)}\n${usage}\n`)
  process.exit(2)
}
const standIn = await startEsdbStandIn({ port }).catch((error: unknown) => {
  process.stderr.write(
    `esdb-standin: cannot listen on 127.0.0.1:${port}: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exit(1)
})
process.stdout.write(
  `EventStoreDB stand-in (test support, not a database) listening on ${standIn.connectionString}\n`,
)
const stop = (): void => {
  void standIn.stop().then(() => process.exit(0))
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
