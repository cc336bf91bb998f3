import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inProcessCli } from '../testing/inProcessCli.js'

// Opening a store that cannot be used: one clear line, the documented exit code, no file left behind.
const { dir, parcours, remove } = inProcessCli('parcours-open-')
afterAll(remove)

/** A port nothing listens on: bound by the system, then released. */
const closedPort = async (): Promise<number> => {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  await new Promise<void>((done) => server.close(() => done()))
  return port
}

describe('opening the store', () => {
  it('fails fast with exit 3 when EventStoreDB cannot be reached, for queries and workers alike', async () => {
    const store = `esdb://127.0.0.1:${await closedPort()}?tls=false`
    for (const argv of [['report'], ['rebuild'], ['project']]) {
      const started = performance.now()
      const r = await parcours('--store', store, ...argv)
      expect(r.code, argv.join(' ')).toBe(3)
      expect(r.err).toMatch(/parcours: store unavailable: /)
      expect(performance.now() - started).toBeLessThan(5000)
    }
  }, 30_000)

  it('refuses a SQLite store in a missing folder with exit 2 naming --store', async () => {
    const path = join(dir, 'missing', 'p.db')
    const r = await parcours(
      '--store',
      `sqlite:${path}`,
      'register',
      '--youth',
      'y-1',
      '--mission-locale',
      'ml-a',
      '--counsellor',
      'c-1',
      '--birth-date',
      '2005-01-01',
      '--on',
      '2025-03-01',
    )
    expect([r.code, r.err]).toEqual([
      2,
      `parcours: --store: folder ${join(dir, 'missing')} does not exist; create it or choose another path.\n`,
    ])
    expect(existsSync(join(dir, 'missing'))).toBe(false)
  })

  it('writes no demo store when --html names a missing folder', async () => {
    const r = await parcours(
      '--store',
      'sqlite:demo.db',
      'demo',
      '--youths',
      '5',
      '--months',
      '1',
      '--html',
      join(dir, 'missing', 'r.html'),
    )
    expect(r.code).toBe(2)
    expect(r.err).toContain('--html')
    expect(existsSync(join(dir, 'demo.db'))).toBe(false)
    expect(existsSync(join(dir, 'demo.db.keys'))).toBe(false)
  })
})
