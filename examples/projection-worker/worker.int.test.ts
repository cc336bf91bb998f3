// The worker as a process: it follows a SQLite store the test writes to, logs what it applied and
// its lag, stops on SIGTERM with its checkpoint stored (exit 0), and started again applies only
// what came after. It runs from the built dist; every wait is on its output or its exit, bounded
// by vitest's test timeout (its log lines are printed when it fails).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isLeft } from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import {
  createJourneyCommandHandler,
  createVault,
  getInMemoryKeyStore,
  getSqliteEventStore,
} from '@parcours/adapters'
import { decodeCommand, journeyEventCodec, type EventStore, type JourneyEvent } from '@parcours/domain'
import {
  dashboardProjection,
  getSqliteProjectionSink,
  loadReadModel,
  queryDashboard,
} from '@parcours/projections'

const root = fileURLToPath(new URL('../../', import.meta.url))
const workerJs = join(root, 'examples/dist/projection-worker/worker.js')
let dir = ''
let store: EventStore<JourneyEvent>
const children: ChildProcess[] = []

beforeAll(() => {
  // Brings dist up to date with the sources.
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'examples'], {
    cwd: root,
    stdio: 'ignore',
  })
  dir = mkdtempSync(join(tmpdir(), 'parcours-worker-example-'))
  store = getSqliteEventStore({ path: join(dir, 'parcours.db'), codec: journeyEventCodec })
}, 120_000)

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const handle = () =>
  createJourneyCommandHandler({ store, vault: createVault({ keyStore: getInMemoryKeyStore() }) })

/** Registers young people `from` to `to` - 1 (two events each); returns the position of the last event. */
const register = async (from: number, to: number): Promise<bigint> => {
  const h = handle()
  for (let n = from; n < to; n++) {
    const command = decodeCommand({
      type: 'RegisterYouth',
      youthId: `youth-${n}`,
      missionLocaleId: 'ml-lyon',
      on: '2026-01-05',
      counsellorId: 'c-1',
      birthDate: '2006-04-02',
      rqth: false,
      personalData: null,
    })
    if (isLeft(command)) throw new Error(command.left.paths.join('; '))
    const r = await h({ commandId: `register-${n}`, command: command.right })()
    if (isLeft(r)) throw new Error(r.left._tag)
  }
  const last = await store.readAll({ direction: 'backwards', maxCount: 1 })()
  if (isLeft(last) || last.right[0] === undefined) throw new Error('nothing stored')
  return last.right[0].position
}

interface LogLine {
  readonly msg: string
  readonly [field: string]: unknown
}

/** A worker process, its log lines as they come, and a way to wait for one. */
const spawnWorker = () => {
  const child = spawn(
    process.execPath,
    [workerJs, '--store', `sqlite:${join(dir, 'parcours.db')}`, '--lag-every-ms', '100'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  children.push(child)
  const lines: LogLine[] = []
  const waiters: Array<() => void> = []
  let rest = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n')
    rest = parts.pop() ?? ''
    for (const part of parts) if (part.trim() !== '') lines.push(JSON.parse(part) as LogLine)
    for (const w of waiters.splice(0)) w()
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  onTestFailed(() => console.error(`the worker's log lines:\n${JSON.stringify(lines)}`))
  /** The first line that `matches`, once the worker has written it; fails if it exits first. */
  const waitFor = (what: string, matches: (l: LogLine) => boolean) =>
    new Promise<LogLine>((resolve, reject) => {
      const check = () => {
        const found = lines.find(matches)
        if (found !== undefined) resolve(found)
        else if (child.exitCode !== null) {
          reject(
            new Error(`the worker exited (${child.exitCode}) before "${what}":\n${JSON.stringify(lines)}`),
          )
        } else waiters.push(check)
      }
      check()
      void exited.then(check)
    })
  // A worker that does not stop fails the test by its timeout; afterAll then kills it.
  const stop = async () => {
    child.kill('SIGTERM')
    return exited
  }
  return { lines, waitFor, stop }
}

const reaches = (position: bigint) => (l: LogLine) =>
  (l.msg === 'batch committed' || l.msg === 'caught up') && l['checkpoint'] === String(position)

const storedState = async () => {
  const sink = getSqliteProjectionSink({ path: join(dir, 'worker-read-models.db') })
  try {
    const scope = await sink.load('worker')()
    const rm = await loadReadModel(sink, dashboardProjection)()
    if (isLeft(scope) || isLeft(rm)) throw new Error('the read models cannot be read')
    return {
      checkpoint: scope.right.checkpoint,
      firstReceptions: queryDashboard(rm.right).totals.firstReceptions,
    }
  } finally {
    await sink.close()
  }
}

describe('the projection worker example', () => {
  it('follows the store, reports its lag, stops on SIGTERM with its checkpoint, resumes with only the new events', async () => {
    const first = await register(0, 3)
    const worker = spawnWorker()
    const caughtUp = await worker.waitFor('caught up', reaches(first))
    expect(caughtUp['events']).toBe(6)

    // Live: an event appended while it runs is applied, and the lag comes back to nothing.
    const live = await register(3, 4)
    await worker.waitFor('live batch', reaches(live))
    const lag = await worker.waitFor('lag', (l) => l.msg === 'lag' && l['checkpoint'] === String(live))
    expect(lag).toMatchObject({ behind: 0, head: String(live) })

    expect(await worker.stop()).toBe(0)
    expect(worker.lines.find((l) => l.msg === 'stopped')).toMatchObject({
      checkpoint: String(live),
      events: 8,
    })
    expect(await storedState()).toEqual({ checkpoint: live, firstReceptions: 4 })

    // Written while no worker runs: the next one starts from the stored checkpoint.
    const later = await register(4, 6)
    const restarted = spawnWorker()
    const resumed = await restarted.waitFor('caught up again', reaches(later))
    expect(resumed['events']).toBe(4)
    expect(await restarted.stop()).toBe(0)
    expect(restarted.lines.find((l) => l.msg === 'stopped')).toMatchObject({ events: 4 })
    expect(await storedState()).toEqual({ checkpoint: later, firstReceptions: 6 })
  })
})
