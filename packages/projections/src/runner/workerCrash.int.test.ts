import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { isLeft } from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getSqliteEventStore } from '@parcours/adapters'
import { journeyEventCodec } from '@parcours/domain'
import { dashboardProjection } from '../dashboard/dashboardProjection.js'
import { docEntries } from '../model/docMap.js'
import { foldEvents } from '../model/projection.js'
import { allProjections } from '../projections.js'
import { getSqliteProjectionSink } from '../sink/sqliteProjectionSink.js'
import { arbHistory } from '../testing/arbitraries.js'
import { appendAll } from '../testing/storeSupport.js'
import { createProjectionRunner } from './createProjectionRunner.js'
import { loadReadModel } from './readModels.js'

// A worker process on SQLite is killed (SIGKILL) mid-run, restarted, and must end with exactly
// the read models of a rebuild from zero. The worker runs from the built dist.

const root = fileURLToPath(new URL('../../../../', import.meta.url))
const worker = join(root, 'packages/projections/dist/testing/projectionWorker.js')
let dir = ''

beforeAll(() => {
  // Brings dist up to date with the sources (type errors elsewhere do not stop the emit).
  try {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/projections'],
      { cwd: root, stdio: 'ignore' },
    )
  } catch {
    // the emit happened or the check below fails
  }
  dir = mkdtempSync(join(tmpdir(), 'parcours-worker-'))
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Worker {
  readonly child: ChildProcess
  readonly lines: string[]
  readonly stderr: string[]
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
}

const startWorker = (storePath: string, sinkPath: string, batchSize: number, delayMs: number): Worker => {
  const child = spawn(process.execPath, [worker, storePath, sinkPath, String(batchSize), String(delayMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const w: Worker = {
    child,
    lines: [],
    stderr: [],
    exit: undefined,
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
  }
  void w.exited.then((e) => (w.exit = e))
  let buffer = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    const parts = buffer.split('\n')
    buffer = parts.pop() ?? ''
    w.lines.push(...parts)
  })
  child.stderr?.on('data', (chunk: Buffer) => w.stderr.push(chunk.toString()))
  return w
}

/**
 * Waits until the worker printed `n` lines, on its output as it comes; fails at once, with its
 * stderr, if it exits first (a worker that hangs is the test timeout's to report).
 */
const waitForLines = (w: Worker, n: number) =>
  new Promise<void>((resolve, reject) => {
    const check = () => {
      if (w.lines.length >= n) return done(resolve)
      if (w.exit !== undefined)
        done(() =>
          reject(
            new Error(
              `worker exited (${JSON.stringify(w.exit)}) after ${w.lines.length} lines: ${w.stderr.join('')}`,
            ),
          ),
        )
    }
    const done = (settle: () => void) => {
      w.child.stdout?.off('data', onData)
      w.child.off('exit', onExit)
      settle()
    }
    // The line buffer is filled by the first 'data' listener (startWorker's), so this one sees it.
    const onData = () => check()
    const onExit = () => void w.exited.then(check)
    w.child.stdout?.on('data', onData)
    w.child.on('exit', onExit)
    check()
  })

const persisted = async (sinkPath: string) => {
  const sink = getSqliteProjectionSink({ path: sinkPath })
  const out: Record<string, unknown> = {}
  for (const p of allProjections) {
    const r = await loadReadModel(sink, p)()
    if (isLeft(r)) throw new Error(r.left.message)
    out[p.name] = Object.fromEntries(docEntries(r.right))
  }
  const state = await sink.load('worker')()
  await sink.close()
  return { models: out, checkpoint: isLeft(state) ? undefined : state.right.checkpoint }
}

describe('a projection worker killed mid-run', () => {
  it('resumes from its checkpoint after SIGKILL and ends equal to a rebuild from zero', async () => {
    expect(existsSync(worker)).toBe(true)
    const [history] = fc.sample(arbHistory({ youths: 40, missionLocales: 3, steps: { min: 10, max: 30 } }), {
      numRuns: 1,
      seed: 42,
    })
    if (history === undefined) throw new Error('no history')
    const storePath = join(dir, 'events.db')
    const store = getSqliteEventStore({ path: storePath, codec: journeyEventCodec })
    await appendAll(store, history.recorded)
    await store.close()
    const total = BigInt(history.recorded.length)
    const sinkPath = join(dir, 'projections.db')

    const first = startWorker(storePath, sinkPath, 10, 15)
    await waitForLines(first, 5)
    first.child.kill('SIGKILL')
    expect((await first.exited).signal).toBe('SIGKILL')
    const afterKill = await persisted(sinkPath)
    expect(afterKill.checkpoint).toBeDefined()
    expect((afterKill.checkpoint ?? 0n) < total).toBe(true)

    const second = startWorker(storePath, sinkPath, 10, 0)
    expect((await second.exited).code, second.stderr.join('')).toBe(0)
    // The restarted worker only applied what the killed one had not committed.
    expect(second.lines[second.lines.length - 1]).toBe(`done ${Number(total - (afterKill.checkpoint ?? 0n))}`)
    const resumed = await persisted(sinkPath)
    expect(resumed.checkpoint).toBe(total)

    const rebuildStore = getSqliteEventStore({ path: storePath, codec: journeyEventCodec })
    const rebuildSinkPath = join(dir, 'rebuild.db')
    const rebuildSink = getSqliteProjectionSink({ path: rebuildSinkPath })
    const rebuilt = await createProjectionRunner({
      store: rebuildStore,
      sink: rebuildSink,
      projections: allProjections,
      name: 'worker',
    }).rebuild()()
    expect(isLeft(rebuilt)).toBe(false)
    await Promise.all([rebuildStore.close(), rebuildSink.close()])
    expect(resumed.models).toEqual((await persisted(rebuildSinkPath)).models)
    expect(resumed.models['dashboard']).toEqual(
      Object.fromEntries(docEntries(foldEvents(dashboardProjection, history.recorded))),
    )
  })
})
