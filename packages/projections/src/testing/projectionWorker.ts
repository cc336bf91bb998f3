import { isLeft } from 'fp-ts/lib/Either.js'
import { getSqliteEventStore } from '@parcours/adapters'
import { journeyEventCodec } from '@parcours/domain'
import { allProjections } from '../projections.js'
import { createProjectionRunner } from '../runner/createProjectionRunner.js'
import { getSqliteProjectionSink } from '../sink/sqliteProjectionSink.js'

// ---------------------------------------------------------------------------------------------
// Test support: a projection worker process on SQLite, for crash tests.
//   node projectionWorker.js <store.db> <sink.db> <batchSize> <delayMsBeforeEachCommit>
// Prints one line per committed batch ("batch <n> <checkpoint>"), then "done <events>".
// The delay slows the worker so a test can kill it mid-run.
// ---------------------------------------------------------------------------------------------

const [storePath = '', sinkPath = '', batchSize = '50', delayMs = '0'] = process.argv.slice(2)
const store = getSqliteEventStore({ path: storePath, codec: journeyEventCodec })
const sqliteSink = getSqliteProjectionSink({ path: sinkPath })
const sink = {
  ...sqliteSink,
  commit: (batch: Parameters<typeof sqliteSink.commit>[0]) => async () => {
    await new Promise((resolve) => setTimeout(resolve, Number(delayMs)))
    return sqliteSink.commit(batch)()
  },
}
const runner = createProjectionRunner({
  store,
  sink,
  projections: allProjections,
  batchSize: Number(batchSize),
  name: 'worker',
  onProgress: (p) => process.stdout.write(`batch ${p.batches} ${String(p.checkpoint)}\n`),
})
const result = await runner.catchUp()()
await Promise.all([store.close(), sqliteSink.close()])
if (isLeft(result)) {
  process.stderr.write(`${result.left.message}\n`)
  process.exitCode = 1
} else {
  process.stdout.write(`done ${result.right.events}\n`)
}
