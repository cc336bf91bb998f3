import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { getEventStoreDBEventStore } from '@parcours/adapters'
import { itemAdded, startEsdbStandIn, testEventCodec } from '@parcours/adapters/testing'
import { fictitiousPersonalData } from '../demo/people.js'
import { inProcessCli } from '../testing/inProcessCli.js'

// Every run names its store with --store; they share one temporary folder.
const { dir, parcours, remove } = inProcessCli('parcours-demo-stores-')
afterAll(remove)

const demo = (store: string, ...extra: string[]) =>
  parcours(
    '--store',
    store,
    'demo',
    '--youths',
    '60',
    '--months',
    '4',
    '--missions',
    '3',
    '--seed',
    '11',
    '--json',
    '--no-html',
    ...extra,
  )

describe('demo on every store', () => {
  it('prints the same dashboard on memory, SQLite and EventStoreDB (stand-in) for the same seed', async () => {
    const memory = await demo('memory')
    expect(memory.code, memory.err).toBe(0)
    const sqlite = await demo('sqlite:demo.db')
    expect(sqlite.code, sqlite.err).toBe(0)
    expect(sqlite.out).toBe(memory.out)
    const standIn = await startEsdbStandIn()
    try {
      const esdb = await demo(standIn.connectionString)
      expect(esdb.code, esdb.err).toBe(0)
      expect(esdb.out).toBe(memory.out)
      const again = await demo(standIn.connectionString)
      expect([again.code, again.err]).toEqual([2, expect.stringContaining('already holds events')])
    } finally {
      await standIn.stop()
    }
    expect((JSON.parse(memory.out) as { totals: { firstReceptions: number } }).totals.firstReceptions).toBe(
      60,
    )
  })

  it("runs on an EventStoreDB that also holds other applications' streams, and leaves them alone", async () => {
    const standIn = await startEsdbStandIn()
    // Another application's events, of types the journey codec does not know.
    const other = getEventStoreDBEventStore({
      connectionString: standIn.connectionString,
      codec: testEventCodec,
    })
    try {
      const written = await other.append('billing-1', 'no-stream', [
        { id: '0b9c3c8e-2f4a-4c55-9d7e-1a2b3c4d5e6f', event: itemAdded('invoice-12') },
      ])()
      expect(written._tag).toBe('Right')
      const esdb = await demo(standIn.connectionString, '--youths', '8', '--months', '2', '--missions', '1')
      expect(esdb.code, esdb.err).toBe(0)
      const billing = await other.readStream('billing-1')()
      expect(billing._tag === 'Right' ? billing.right.map((e) => e.event) : billing).toEqual([
        itemAdded('invoice-12'),
      ])
    } finally {
      await other.close()
      await standIn.stop()
    }
  })

  it('refuses a SQLite file that holds journeys unless --reset, and writes nothing then', async () => {
    const refused = await demo('sqlite:demo.db', '--seed', '12')
    expect(refused.code).toBe(2)
    expect(refused.err).toContain('--reset')
    const kept = await parcours('--store', 'sqlite:demo.db', '--as', 'statistician:s-1', 'report', '--json')
    const reset = await demo('sqlite:demo.db', '--seed', '12', '--reset')
    expect(reset.code, reset.err).toBe(0)
    expect(reset.out).not.toBe(kept.out)
    expect(existsSync(join(dir, 'demo.db.keys'))).toBe(true)
  })
})

describe('the demo keeps its fictitious people sealed', () => {
  it('leaves no name or comment in the store files, read models or logs', async () => {
    const io = await parcours(
      '--store',
      'sqlite:scan.db',
      '--log-level',
      'trace',
      'demo',
      '--youths',
      '80',
      '--months',
      '4',
      '--no-html',
    )
    expect(io.code, io.err).toBe(0)
    const files = readdirSync(dir).filter((f) => f.startsWith('scan.db') && !f.endsWith('.keys'))
    expect(files).toEqual(expect.arrayContaining(['scan.db', 'scan.db.projections']))
    const stored = Buffer.concat(files.map((f) => readFileSync(join(dir, f))))
    const { firstNames, lastNames, comments } = fictitiousPersonalData
    // Short ASCII names could occur by chance inside base64 ciphertext; accented or long ones cannot.
    const telling = [...firstNames, ...lastNames].filter((n) => /[^a-z]/i.test(n) || n.length >= 7)
    const phrases = comments.map((c) => c.trim().slice(0, 30))
    expect(telling.length).toBeGreaterThan(15)
    for (const needle of [...telling, ...phrases]) {
      expect(stored.includes(Buffer.from(needle, 'utf8')), needle).toBe(false)
      expect(io.err, needle).not.toContain(needle)
    }
    expect(io.err).toContain('store opened')
    // The names are there, sealed: the vault opens them.
    const shown = await parcours(
      '--store',
      'sqlite:scan.db',
      '--as',
      'manager:m-1@ml-grenoble',
      'show',
      '--youth',
      'y-00001',
      '--json',
    )
    expect(shown.code).toBe(0)
    const identity = (JSON.parse(shown.out) as { identity: { firstName: string; lastName: string } }).identity
    expect(firstNames).toContain(identity.firstName)
    expect(lastNames).toContain(identity.lastName)
  })
})
