import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { isLeft } from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cejProjection } from '../cej/cejProjection.js'
import { queryCejAlerts } from '../cej/queryCej.js'
import { docEntries, getDoc } from '../model/docMap.js'
import { foldEvents } from '../model/projection.js'
import { allProjections } from '../projections.js'
import { getInMemoryProjectionSink } from '../sink/inMemoryProjectionSink.js'
import type { ProjectionSink } from '../sink/projectionSink.js'
import { getSqliteProjectionSink } from '../sink/sqliteProjectionSink.js'
import { arbHistory, type GeneratedHistory } from '../testing/arbitraries.js'
import { queryWorklist } from '../worklist/queryWorklist.js'
import { worklistProjection } from '../worklist/worklistProjection.js'
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

/**
 * A property over generated histories whose streams are shared between 1 to 3 workers (their
 * names sorting against their order), each worker's read models committed under its scope.
 */
const overWorkerScopes = (
  label: string,
  open: (name: string) => ProjectionSink,
  check: (sink: ProjectionSink, history: GeneratedHistory) => Promise<void>,
) =>
  fc.assert(
    fc.asyncProperty(
      arbHistory({ youths: 8, missionLocales: 3, steps: { min: 3, max: 15 } }),
      fc.integer({ min: 1, max: 3 }),
      async (history, workers) => {
        const sink = open(`${label.replace(/ /g, '-')}-${(opened += 1)}`)
        const streams = [...new Set(history.recorded.map((e) => e.streamName))].sort()
        const scopes = Array.from(
          { length: workers },
          (_, w) => [`worker-${workers - w}`, streams.filter((_, i) => i % workers === w)] as const,
        )
        await commitScopes(sink, scopes, history.recorded)
        await check(sink, history)
        await sink.close()
      },
    ),
    { numRuns: 8 },
  )

describe('reading a sink', () => {
  it.each(sinks)(
    '%s: gives each key the document loadReadModel merges there, across the scopes of several workers',
    (label, open) =>
      overWorkerScopes(label, open, async (sink) => {
        for (const p of allProjections) {
          const merged = await unwrap(loadReadModel(sink, p))
          const keys = [...docEntries(merged)].map(([key]) => key)
          expect(keys.length).toBeGreaterThan(0)
          for (const key of keys)
            expect(await unwrap(loadDocument(sink, p, key))).toEqual(getDoc(merged, key))
          expect(await unwrap(loadDocument(sink, p, 'youth:nobody'))).toBeUndefined()
        }
      }),
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

  it.each(sinks)(
    "%s: with `where`, reads the keys a worker's document matches, and a counsellor's queries give what they give over everything",
    (label, open) =>
      overWorkerScopes(label, open, async (sink, history) => {
        const whole = await unwrap(loadReadModel(sink, worklistProjection))
        const cejWhole = await unwrap(loadReadModel(sink, cejProjection))
        const pairs = new Map<string, { missionLocaleId: string; counsellorId: string }>()
        for (const [, y] of docEntries(whole))
          pairs.set(`${y.missionLocaleId}/${y.counsellorId}`, {
            missionLocaleId: y.missionLocaleId,
            counsellorId: y.counsellorId,
          })
        pairs.set('nobody', { missionLocaleId: 'ml-nowhere', counsellorId: 'c-nobody' })
        const days = [...new Set(history.recorded.map((e) => e.event.on))].sort()
        for (const whose of pairs.values()) {
          const where = { where: whose }
          const narrowed = await unwrap(loadReadModel(sink, worklistProjection, where))
          // Exactly the keys whose document matches (each journey is one worker's here).
          expect([...docEntries(narrowed)].map(([k]) => k).sort()).toEqual(
            [...docEntries(whole)]
              .filter(
                ([, y]) =>
                  y.missionLocaleId === whose.missionLocaleId && y.counsellorId === whose.counsellorId,
              )
              .map(([k]) => k)
              .sort(),
          )
          const cejNarrowed = await unwrap(loadReadModel(sink, cejProjection, where))
          for (const asOf of [days[0], days[Math.floor(days.length / 2)], days[days.length - 1]]) {
            if (asOf === undefined) continue
            expect(queryWorklist(narrowed, { ...whose, asOf })).toEqual(
              queryWorklist(whole, { ...whose, asOf }),
            )
            expect(queryCejAlerts(cejNarrowed, { ...whose, asOf })).toEqual(
              queryCejAlerts(cejWhole, { ...whose, asOf }),
            )
          }
        }
      }),
  )

  it.each(sinks)(
    "%s: with `where`, a key's documents are read from every worker, matching or not",
    async (label, open) => {
      const sink = open(`${label.replace(/ /g, '-')}-split`)
      const doc = (missionLocaleId: string) => ({ youthId: 'y1', missionLocaleId, counsellorId: 'c1' })
      for (const [scope, ml] of [
        ['a', 'ml-1'],
        ['b', 'ml-2'],
      ] as const)
        await unwrap(
          sink.commit({
            scope,
            checkpoint: 1n,
            changes: [
              { projection: 'p', key: 'youth:y1', doc: doc(ml) },
              { projection: 'p', key: `youth:only-${scope}`, doc: doc(ml) },
            ],
            deadLetters: [],
          }),
        )
      // Each scope's documents by key (a sink gives them in no particular order within a scope).
      const read = async (where: Readonly<Record<string, string>>) =>
        (await unwrap(sink.documents('p', { where }))).map(({ scope, docs }) => ({
          scope,
          docs: [...docs].sort(([a], [b]) => a.localeCompare(b)),
        }))
      expect(await read({ missionLocaleId: 'ml-2' })).toEqual([
        { scope: 'a', docs: [['youth:y1', doc('ml-1')]] },
        {
          scope: 'b',
          docs: [
            ['youth:only-b', doc('ml-2')],
            ['youth:y1', doc('ml-2')],
          ],
        },
      ])
      expect(await read({ missionLocaleId: 'ml-3' })).toEqual([])
      expect(await read({ missionLocaleId: 'ml-1', counsellorId: 'c1' })).toEqual([
        {
          scope: 'a',
          docs: [
            ['youth:only-a', doc('ml-1')],
            ['youth:y1', doc('ml-1')],
          ],
        },
        { scope: 'b', docs: [['youth:y1', doc('ml-2')]] },
      ])
      await sink.close()
    },
  )

  it.each(sinks)('%s: refuses a `where` on what is not a field name, as SinkFailed', async (label, open) => {
    const sink = open(`${label.replace(/ /g, '-')}-bad-where`)
    for (const where of [
      { 'a.b': 'x' },
      { "x') OR 1=1 --": 'x' },
      { missionLocaleId: 7 as unknown as string },
    ]) {
      const r = await sink.documents('worklist', { where })()
      expect(isLeft(r) && r.left).toMatchObject({
        _tag: 'SinkFailed',
        message: expect.stringMatching(/^documents where: /),
      })
    }
    await sink.close()
  })

  it('reports a sink that fails as SinkFailed', async () => {
    const sink = getSqliteProjectionSink({ path: join(dir, 'closed.db') })
    await sink.close()
    const r = await loadDocument(sink, allProjections[0] as (typeof allProjections)[number], 'youth:y1')()
    expect(isLeft(r) && r.left._tag).toBe('SinkFailed')
  })
})
