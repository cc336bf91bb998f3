import { parentPort, workerData } from 'node:worker_threads'
import { getSqliteEventStore } from '@parcours/adapters'
import { journeyEventCodec } from '@parcours/domain'
import { allProjections } from '../projections.js'
import { getSqliteProjectionSink } from '../sink/sqliteProjectionSink.js'
import { createProjectionRunner } from './createProjectionRunner.js'
import type { RebuildWorkerData, RebuildWorkerResult } from './rebuildInWorkers.js'

// ---------------------------------------------------------------------------------------------
// The worker thread of rebuildInWorkers: rebuilds one shard of the mission locales, then posts
// its stats (or its error) and ends.
// ---------------------------------------------------------------------------------------------

const data = workerData as RebuildWorkerData
// Stream reads are not used: a rebuild reads the log once, so the decoded-event cache stays off.
const store = getSqliteEventStore({ path: data.storePath, codec: journeyEventCodec, cacheSize: 0 })
// The other shards commit to the same file: wait for them rather than fail.
const sink = getSqliteProjectionSink({ path: data.sinkPath, busyTimeoutMs: 600_000 })
const result = await createProjectionRunner({
  store,
  sink,
  projections: allProjections,
  name: data.name,
  partition: data.streams === undefined ? { shard: data.shard } : { streams: data.streams },
  // The shard's documents live in the sink: memory holds one batch's, not the network's.
  holdReadModels: false,
  ...(data.batchSize === undefined ? {} : { batchSize: data.batchSize }),
  ...(data.rebuildBatchSize === undefined ? {} : { rebuildBatchSize: data.rebuildBatchSize }),
}).rebuild()()
await Promise.all([store.close(), sink.close()])
const message: RebuildWorkerResult =
  result._tag === 'Right' ? { _tag: 'Right', right: result.right } : { _tag: 'Left', left: result.left }
// An error's cause may not survive the structured clone: keep its tag and message.
parentPort?.postMessage(
  message._tag === 'Left' && 'cause' in message.left
    ? { _tag: 'Left', left: { ...message.left, cause: String(message.left.cause) } }
    : message,
)
