import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEventCodec, type TestEvent } from '@parcours/adapters/testing'
import type { RecordedEvent } from '@parcours/domain'
import { getSqliteEventStore } from './sqliteEventStore.js'

const here = dirname(fileURLToPath(import.meta.url))
const packageRoot = join(here, '..', '..')
const built = join(packageRoot, 'dist', 'sqlite', 'sqliteEventStore.js')

/** The children run the built store: build it when a source they use is newer than its output. */
const ensureBuilt = () => {
  const sources = (dir: string): ReadonlyArray<string> =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? sources(join(dir, entry.name))
        : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
          ? [join(dir, entry.name)]
          : [],
    )
  const stale = ['sqlite', 'serialization', 'appendRules', 'subscriptions', join('testing', 'conformance')]
    .flatMap((d) => sources(join(packageRoot, 'src', d)))
    .some((source) => {
      const output = source
        .replace(join(packageRoot, 'src'), join(packageRoot, 'dist'))
        .replace(/\.ts$/, '.js')
      return !existsSync(output) || statSync(output).mtimeMs < statSync(source).mtimeMs
    })
  if (!stale) return
  const result = spawnSync('npx', ['tsc', '-b', packageRoot], {
    encoding: 'utf8',
    cwd: join(packageRoot, '..', '..'),
  })
  if (!existsSync(built))
    throw new Error(`cannot build the adapters package: ${result.stdout}${result.stderr}`)
}

interface ChildReport {
  readonly name: string
  readonly written: ReadonlyArray<string>
  readonly conflicts: number
  readonly otherErrors: ReadonlyArray<string>
}

const runChild = (path: string, name: string, appends: number, streams: number, startAt: number) =>
  new Promise<ChildReport>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(here, 'twoProcessWriter.mjs'), path, name, String(appends), String(streams), String(startAt)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${name} exited with ${code}: ${err}`))
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as ChildReport)
    })
  })

describe('two processes on one SQLite file', () => {
  let dir: string
  beforeAll(() => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'parcours-two-'))
  }, 120_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('lose nothing, keep revisions gapless, report their conflicts, and a subscription sees both', async () => {
    const path = join(dir, 'events.db')
    const appends = 150
    const streams = 2
    const watcher = getSqliteEventStore({ path, codec: testEventCodec, pollIntervalMs: 20 })
    const seen: Array<RecordedEvent<TestEvent>> = []
    const watching = (async () => {
      for await (const message of watcher.subscribe({ from: 'start' })) {
        if (message._tag === 'Event') seen.push(message.event)
        if (message._tag === 'Failed') throw new Error(message.error._tag)
        if (seen.length === 2 * appends) return
      }
    })()

    try {
      const startAt = Date.now() + 1_000
      const [a, b] = await Promise.all([
        runChild(path, 'a', appends, streams, startAt),
        runChild(path, 'b', appends, streams, startAt),
      ])
      await watching

      expect(a.otherErrors).toEqual([])
      expect(b.otherErrors).toEqual([])
      expect(a.written).toHaveLength(appends)
      expect(b.written).toHaveLength(appends)
      expect(a.conflicts).toBeGreaterThan(0)
      expect(b.conflicts).toBeGreaterThan(0)

      const all = await watcher.readAll()()
      if (all._tag === 'Left') throw new Error(all.left._tag)
      expect(new Set(all.right.map((e) => e.id))).toEqual(new Set([...a.written, ...b.written]))
      for (let s = 0; s < streams; s++) {
        const revisions = all.right.filter((e) => e.streamName === `cart-${s}`).map((e) => e.revision)
        expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)))
      }
      expect(seen.map((e) => e.id)).toEqual(all.right.map((e) => e.id))
    } finally {
      // A child that fails leaves the watcher waiting: close it, or its poll keeps the worker alive.
      await watcher.close()
    }
  })
})
