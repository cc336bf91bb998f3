import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { getInMemoryInbox, getSqliteInbox } from '../inbox/inboxStore.js'
import { manualScheduler } from '../inbox/scheduler.js'
import { franceTravailClient } from './franceTravailClient.js'
import { startFranceTravailSimulator, type FranceTravailSimulator } from './franceTravailSimulator.js'
import { generateFranceTravailOffers } from './generateOffers.js'
import { getInMemoryOfferCatalogue, getSqliteOfferCatalogue } from './offerCatalogue.js'
import { syncFranceTravailOffers } from './syncOffers.js'

// ---------------------------------------------------------------------------------------------
// The client and the sync against the simulated France Travail on 127.0.0.1. The client and the
// simulator share a manual clock: waits return at once and the rate limit is checked on it.
// ---------------------------------------------------------------------------------------------

const running: FranceTravailSimulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()))
})

const setUp = async (
  offers: ReadonlyArray<unknown>,
  options: { ratePerSecond?: number; tokenSeconds?: number } = {},
) => {
  const clock = manualScheduler()
  const sim = await startFranceTravailSimulator({ offers, now: clock.now, ...options })
  running.push(sim)
  const client = franceTravailClient({
    baseUrl: sim.url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    scheduler: clock,
    pageSize: 10,
  })
  return { clock, sim, client }
}
const offers = generateFranceTravailOffers({ count: 25, seed: 7 })
const idOf = (i: number) => offers[i]?.['id'] as string

describe('France Travail client (simulated)', () => {
  it('pages through the search with range and Content-Range, under 3 requests a second', async () => {
    const { sim, client, clock } = await setUp(offers)
    const pages = []
    for await (const p of client.pages())
      pages.push(p._tag === 'Right' ? [p.right.from, p.right.to, p.right.total] : p.left)
    expect(pages).toEqual([
      [0, 9, 25],
      [10, 19, 25],
      [20, 24, 25],
    ])
    expect(sim.requests.map((r) => [r.path.split('/').pop(), r.range, r.status])).toEqual([
      ['access_token', null, 200],
      ['search', '0-9', 206],
      ['search', '10-19', 206],
      ['search', '20-29', 206],
    ])
    const at = sim.requests.map((r) => r.at)
    for (const t of at) expect(at.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(3)
    expect(clock.sleeps.length).toBeGreaterThan(0)
  })

  it('waits for Retry-After on a 429 and backs off on 5xx, then goes on', async () => {
    const { sim, client, clock } = await setUp(offers.slice(0, 5), { ratePerSecond: 1 })
    sim.failNext(2, 503)
    const p = await client.page(0)
    expect(p._tag === 'Right' && p.right.offers.length).toBe(5)
    expect(sim.requests.map((r) => r.status)).toEqual([200, 429, 503, 503, 200])
    // the rate limit's spacing, Retry-After, then the backoff (1 s, 2 s)
    expect(clock.sleeps).toEqual([334, 1000, 1000, 2000])
    expect(client.stats().retries).toBe(3)
  })

  it('gives up after its tries with the reason', async () => {
    const { sim, client } = await setUp(offers.slice(0, 5))
    sim.failNext(10, 500)
    const p = await client.page(0)
    expect(p._tag === 'Left' && p.left.reason).toBe('the search failed: HTTP 500 after 6 tries')
  })

  it('renews its token before it expires, and once on a 401', async () => {
    const { sim, client, clock } = await setUp(offers, { tokenSeconds: 30 })
    await client.page(0)
    clock.advance(25_000) // within 10 s of expiry: renewed before the next search
    await client.page(10)
    sim.revokeTokens()
    const p = await client.page(20)
    expect(p._tag === 'Right' && p.right.offers.length).toBe(5)
    expect(sim.requests.map((r) => `${r.path.split('/').pop()} ${r.status}`)).toEqual([
      'access_token 200',
      'search 206',
      'access_token 200',
      'search 206',
      'search 401',
      'access_token 200',
      'search 206',
    ])
    expect(client.stats().tokens).toBe(3)
  })

  it('refuses wrong credentials with a clear reason', async () => {
    const { sim } = await setUp(offers)
    const client = franceTravailClient({
      baseUrl: sim.url,
      clientId: 'someone',
      clientSecret: 'wrong',
      scheduler: manualScheduler(),
    })
    const p = await client.page(0)
    expect(p._tag === 'Left' && p.left.reason).toBe('the token was refused: HTTP 401')
  })
})

describe('France Travail offer sync (simulated)', () => {
  it('records the offers, refuses a malformed one, writes nothing for a re-delivery, and finds a withdrawn one', async () => {
    const malformed = { ...offers[3], id: '999ZZZZ', intitule: '', lieuTravail: {} }
    const { sim, client, clock } = await setUp([...offers.slice(0, 12), malformed])
    const catalogue = getInMemoryOfferCatalogue()
    const inbox = getInMemoryInbox()
    const sync = () => syncFranceTravailOffers({ client, catalogue, inbox, scheduler: clock })
    const first = await sync()
    expect(first._tag === 'Right' && first.right.counts).toEqual({
      received: 13,
      recorded: 12,
      duplicated: 0,
      rejected: 1,
      parked: 0,
    })
    expect(first._tag === 'Right' && first.right.failures.map((f) => [f.key, f.where, f.reason])).toEqual([
      [
        '999ZZZZ',
        'range 10-12 #12',
        'intitule: expected NonEmptyString, got ""; lieuTravail.libelle: expected NonEmptyString, got nothing',
      ],
    ])
    sim.redeliver(idOf(2))
    sim.withdraw(idOf(5))
    const second = await sync()
    expect(second._tag === 'Right' && second.right.counts).toEqual({
      received: 13,
      recorded: 0,
      duplicated: 12,
      rejected: 1,
      parked: 0,
    })
    expect(second._tag === 'Right' && second.right.withdrawn).toEqual([idOf(5)])
    const gone = await catalogue.get(idOf(5))()
    expect(gone._tag === 'Right' && gone.right?.withdrawnAt).toBe(new Date(clock.now()).toISOString())
    // The offer comes back: open again, and recorded (not taken for a re-delivery).
    sim.publish(offers[5])
    const third = await sync()
    expect(third._tag === 'Right' && [third.right.counts.recorded, third.right.withdrawn]).toEqual([1, []])
    const back = await catalogue.get(idOf(5))()
    expect(back._tag === 'Right' && back.right?.withdrawnAt).toBe(null)
  })

  it('does not withdraw anything when the sync stops before its last page', async () => {
    const { sim, client, clock } = await setUp(offers)
    const catalogue = getInMemoryOfferCatalogue()
    const inbox = getInMemoryInbox()
    await syncFranceTravailOffers({ client, catalogue, inbox, scheduler: clock })
    sim.withdraw(idOf(0))
    sim.failNext(100)
    const r = await syncFranceTravailOffers({ client, catalogue, inbox, scheduler: clock })
    expect(r._tag === 'Right' && [r.right.complete, r.right.withdrawn, r.right.stoppedBy?.reason]).toEqual([
      false,
      [],
      'the search failed: HTTP 503 after 6 tries',
    ])
  })

  it('keeps catalogue, fingerprints and counters in SQLite across runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parcours-ft-'))
    try {
      const { client, clock } = await setUp(offers.slice(0, 4))
      const open = () => ({
        catalogue: getSqliteOfferCatalogue({ path: join(dir, 'offers.db') }),
        inbox: getSqliteInbox({ path: join(dir, 'inbox.db') }),
      })
      const a = open()
      await syncFranceTravailOffers({ client, ...a, scheduler: clock })
      a.catalogue.close()
      a.inbox.close()
      const b = open()
      const r = await syncFranceTravailOffers({ client, ...b, scheduler: clock })
      expect(r._tag === 'Right' && r.right.counts.duplicated).toBe(4)
      const c = await b.inbox.counters()()
      expect(c._tag === 'Right' && c.right).toEqual([
        { flow: 'france-travail/offers', received: 8, recorded: 4, duplicated: 4, rejected: 0, parked: 0 },
      ])
      const listed = await b.catalogue.list()()
      expect(listed._tag === 'Right' && listed.right.length).toBe(4)
      b.catalogue.close()
      b.inbox.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
