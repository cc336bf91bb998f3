import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { isLeft } from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docEntries, getDoc } from '../model/docMap.js'
import { foldEvents } from '../model/projection.js'
import { allProjections } from '../projections.js'
import { getInMemoryProjectionSink } from '../sink/inMemoryProjectionSink.js'
import type { ProjectionSink } from '../sink/projectionSink.js'
import { getSqliteProjectionSink } from '../sink/sqliteProjectionSink.js'
import { arbHistory } from '../testing/arbitraries.js'
import { loadDocument, loadReadModel } from './readModels.js'

let dir = ''
let opened = 0
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parcours-document-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const unwrap = async <A>(
  t: () => Promise<{ _tag: 'Left'; left: { message: string } } | { _tag: 'Right'; right: A }>,
) => {
  const r = await t()
  if (isLeft(r)) throw new Error(r.left.message)
  return r.right
}

/** Each scope's documents as a worker owning some of the streams builds them, committed to the sink. */
const commitScopes = async (
  sink: ProjectionSink,
  scopes: ReadonlyArray<readonly [string, ReadonlyArray<string>]>,
  recorded: Parameters<typeof foldEvents>[1],
) => {
  const events = [...recorded]
  for (const [scope, streams] of scopes) {
    const own = events.filter((e) => streams.includes(e.streamName))
    await unwrap(
      sink.commit({
        scope,
        checkpoint: BigInt(events.length),
        changes: allProjections.flatMap((p) =>
          [...docEntries(foldEvents(p, own))].map(([key, doc]) => ({
            projection: p.name,
            key,
            doc: doc as object,
          })),
        ),
        deadLetters: [],
      }),
    )
  }
}

const sinks: ReadonlyArray<readonly [string, (name: string) => ProjectionSink]> = [
  ['in memory', () => getInMemoryProjectionSink()],
  ['SQLite', (name) => getSqliteProjectionSink({ path: join(dir, `${name}.db`) })],
  // A sink of its own making that offers no `document`: read through `documents`.
  [
    'without document',
    () => {
      const { document: _, ...rest } = getInMemoryProjectionSink()
      return rest
    },
  ],
]

describe('loadDocument', () => {
  it.each(sinks)(
    '%s: gives each key the document loadReadModel merges there, across the scopes of several workers',
    async (label, open) => {
      await fc.assert(
        fc.asyncProperty(
          arbHistory({ youths: 8, missionLocales: 3, steps: { min: 3, max: 15 } }),
          fc.integer({ min: 1, max: 3 }),
          async (history, workers) => {
            const sink = open(`${label.replace(/ /g, '-')}-${(opened += 1)}`)
            const streams = [...new Set(history.recorded.map((e) => e.streamName))].sort()
            // Each worker its share of the streams; their names sort against their order.
            const scopes = Array.from(
              { length: workers },
              (_, w) => [`worker-${workers - w}`, streams.filter((_, i) => i % workers === w)] as const,
            )
            await commitScopes(sink, scopes, history.recorded)
            for (const p of allProjections) {
              const merged = await unwrap(loadReadModel(sink, p))
              const keys = [...docEntries(merged)].map(([key]) => key)
              expect(keys.length).toBeGreaterThan(0)
              for (const key of keys)
                expect(await unwrap(loadDocument(sink, p, key))).toEqual(getDoc(merged, key))
              expect(await unwrap(loadDocument(sink, p, 'youth:nobody'))).toBeUndefined()
            }
            await sink.close()
          },
        ),
        { numRuns: 8 },
      )
    },
  )

  it.each(sinks)('%s: loads a scope without its documents when asked', async (label, open) => {
    const [history] = fc.sample(arbHistory({ youths: 3 }), { numRuns: 1, seed: 4 })
    if (history === undefined) throw new Error('no sample')
    const sink = open(`${label.replace(/ /g, '-')}-load`)
    await commitScopes(
      sink,
      [['w', [...new Set(history.recorded.map((e) => e.streamName))]]],
      history.recorded,
    )
    const all = await unwrap(sink.load('w'))
    const bare = await unwrap(sink.load('w', { documents: false }))
    expect(Object.keys(all.documents).sort()).toEqual(allProjections.map((p) => p.name).sort())
    expect(bare).toEqual({ ...all, documents: {} })
    await sink.close()
  })

  it('reports a sink that fails as SinkFailed', async () => {
    const sink = getSqliteProjectionSink({ path: join(dir, 'closed.db') })
    await sink.close()
    const r = await loadDocument(sink, allProjections[0] as (typeof allProjections)[number], 'youth:y1')()
    expect(isLeft(r) && r.left._tag).toBe('SinkFailed')
  })
})
