// A child process of sqliteTwoProcesses.int.test.ts: appends to shared streams of one SQLite
// file with exact expectations, retrying on conflict, and reports what it wrote as JSON.
import { randomUUID } from 'node:crypto'
import { getSqliteEventStore } from '../../dist/sqlite/index.js'
import { testEventCodec } from '../../dist/testing/conformance/testEvents.js'

const [path, name, appendsArg, streamsArg, startAtArg] = process.argv.slice(2)
const appends = Number(appendsArg)
const streams = Number(streamsArg)
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const store = getSqliteEventStore({ path, codec: testEventCodec })
await pause(Math.max(0, Number(startAtArg) - Date.now()))

const written = []
let conflicts = 0
const otherErrors = []
for (let i = 0; i < appends; i++) {
  const streamName = `cart-${i % streams}`
  for (;;) {
    const read = await store.readStream(streamName, { direction: 'backwards', maxCount: 1 })()
    if (read._tag === 'Left') {
      otherErrors.push(read.left._tag)
      break
    }
    const last = read.right[0]
    // Widens the gap between read and append so that the other process gets in between.
    await pause(Math.random() < 0.5 ? 0 : 1)
    const id = randomUUID()
    const result = await store.append(streamName, last === undefined ? 'no-stream' : last.revision, [
      { id, event: { type: 'ItemAdded', sku: `${name}-${i}`, quantity: 1 } },
    ])()
    if (result._tag === 'Right') {
      written.push(id)
      break
    }
    if (result.left._tag === 'WrongExpectedRevision') conflicts += 1
    else {
      otherErrors.push(result.left._tag)
      break
    }
  }
}
await store.close()
process.stdout.write(`${JSON.stringify({ name, written, conflicts, otherErrors })}\n`)
