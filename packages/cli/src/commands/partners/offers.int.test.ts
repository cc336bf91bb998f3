import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  generateFranceTravailOffers,
  startFranceTravailSimulator,
  type FranceTravailSimulator,
} from '@parcours/adapters'
import { inProcessCli } from '../../testing/inProcessCli.js'

// ---------------------------------------------------------------------------------------------
// `parcours partners offers …`, `failures` and `retry` on a SQLite store, against the simulated
// France Travail on 127.0.0.1: a malformed offer, a re-delivery, a withdrawal between two syncs,
// and a counsellor proposing an offer of the catalogue.
// ---------------------------------------------------------------------------------------------

const cli = inProcessCli('parcours-offers-', 'sqlite:store.db')
const { ok, parcours, asGiven } = cli
const offers = generateFranceTravailOffers({ count: 12, seed: 11 })
const idOf = (i: number) => String(offers[i]?.['id'])
const malformed = { ...offers[0], id: '999ZZZZ', intitule: '', typeContrat: 42 }
let sim: FranceTravailSimulator
const operator = (...argv: string[]) =>
  asGiven({ FRANCE_TRAVAIL_CLIENT_SECRET: sim.clientSecret }, '--as', 'operator:o-1', ...argv)
const sync = () =>
  operator('partners', 'offers', 'sync', '--url', sim.url, '--client-id', sim.clientId, '--page-size', '5')
const show = (label: string, r: { out: string; err: string; code: number }) =>
  console.log(`$ parcours ${label}\n${r.out}${r.code === 0 ? '' : `${r.err}(exit ${r.code})\n`}`)

beforeAll(async () => {
  sim = await startFranceTravailSimulator({ offers: [...offers.slice(0, 7), malformed, ...offers.slice(7)] })
  await ok(
    ...['register', '--youth', 'y-1', '--mission-locale', 'ml-a', '--counsellor', 'c-1'],
    ...['--birth-date', '2004-03-09', '--on', '2026-01-05'],
  )
})
afterAll(async () => {
  await sim.close()
  cli.remove()
})

describe('parcours partners offers', () => {
  it('syncs the offers, refusing the malformed one; a re-delivery writes nothing; a withdrawn offer is found', async () => {
    const first = await sync()
    show('partners offers sync --url … --client-id …', first)
    expect(first.code).toBe(0)
    expect(first.out.split('\n').slice(0, 2)).toEqual([
      `France Travail offers from ${sim.url}: 3 page(s), 13 offer(s) announced; 13 received, 12 recorded, 0 duplicated, 1 rejected, 0 parked; 0 withdrawn`,
      '  refused range 5-9 #7 (france-travail/offers 999ZZZZ): intitule: expected NonEmptyString, got ""; typeContrat: expected NonEmptyString, got 42',
    ])
    sim.redeliver(idOf(3))
    sim.withdraw(idOf(4))
    const second = await sync()
    show('partners offers sync --url … --client-id …   (offer re-delivered, one withdrawn)', second)
    expect(second.out.split('\n')).toEqual([
      `France Travail offers from ${sim.url}: 3 page(s), 13 offer(s) announced; 13 received, 0 recorded, 12 duplicated, 1 rejected, 0 parked; 1 withdrawn`,
      '  refused range 5-9 #6 (france-travail/offers 999ZZZZ): intitule: expected NonEmptyString, got ""; typeContrat: expected NonEmptyString, got 42',
      `  withdrawn upstream: ${idOf(4)}`,
      'Totals of france-travail/offers: 26 received, 12 recorded, 12 duplicated, 2 rejected, 0 parked',
      '',
    ])
    const listed = await ok('--as', 'counsellor:c-1@ml-a', 'partners', 'offers', 'list')
    expect(listed.out.split('\n')[0]).toBe('11 offer(s) in the offer catalogue')
    const withdrawn = await ok('--as', 'counsellor:c-1@ml-a', 'partners', 'offers', 'list', '--withdrawn')
    expect(withdrawn.out).toContain(idOf(4))
  })

  it('lists the refused message with the counters, and a retry refuses it again without dropping it', async () => {
    const failures = await operator('partners', 'failures')
    show('partners failures', failures)
    expect(failures.out.split('\n').slice(0, 3)).toEqual([
      'france-travail/offers: 26 received, 12 recorded, 12 duplicated, 2 rejected, 0 parked',
      '1 message(s) waiting (parcours partners retry)',
      '  refused range 5-9 #6 (france-travail/offers 999ZZZZ): intitule: expected NonEmptyString, got ""; typeContrat: expected NonEmptyString, got 42',
    ])
    const retried = await operator('partners', 'retry')
    show('partners retry', retried)
    expect(retried.out.split('\n')[0]).toBe(
      'Retry of france-travail/offers: 1 message(s); 0 recorded, 0 duplicated, 1 still refused, 0 still parked',
    )
    const still = await operator('partners', 'failures', '--json')
    expect((JSON.parse(still.out) as { failures: unknown[] }).failures).toHaveLength(1)
  })

  it('lets a counsellor propose an open offer of the catalogue, not an unknown or withdrawn one', async () => {
    const propose = (id: string, proposal: string) =>
      parcours(
        ...['--as', 'counsellor:c-1@ml-a', 'offer', '--youth', 'y-1', '--mission-locale', 'ml-a'],
        ...[
          '--proposal',
          proposal,
          '--theme',
          'employment',
          '--respond-by',
          '2026-02-01',
          '--on',
          '2026-01-06',
        ],
        ...['--partner-offer', id],
      )
    const unknown = await propose('000NONE', 'p-0')
    expect([unknown.code, unknown.err]).toEqual([
      2,
      expect.stringContaining('no offer 000NONE in the offer catalogue: sync'),
    ])
    const gone = await propose(idOf(4), 'p-0')
    expect(gone.err).toContain(`offer ${idOf(4)} (`)
    expect(gone.err).toContain('was withdrawn by France Travail')
    const made = await propose(idOf(3), 'p-1')
    expect(made.code).toBe(0)
    const shown = await ok('--as', 'counsellor:c-1@ml-a', 'show', '--youth', 'y-1', '--json')
    // The offer is withdrawn upstream: the counsellor's worklist says so.
    sim.withdraw(idOf(3))
    await sync()
    await ok('--as', 'operator:o-1', 'project')
    const alerts = await ok(
      '--as',
      'counsellor:c-1@ml-a',
      'alerts',
      '--counsellor',
      'c-1',
      '--at',
      '2026-01-07',
    )
    show('alerts --counsellor c-1', alerts)
    expect(alerts.out).toContain('Proposals whose France Travail offer was withdrawn: 1')
    expect(alerts.out).toMatch(new RegExp(`y-1 +│ p-1 +│ ${idOf(3)} +│ employment`))
    expect(shown.out).toContain(
      `"partnerOffer": "{\\"partner\\":\\"france-travail\\",\\"offerId\\":\\"${idOf(3)}\\"}"`,
    )
  })

  it('is run by an operator, with the secret from the environment', async () => {
    const counsellor = await asGiven(
      { FRANCE_TRAVAIL_CLIENT_SECRET: sim.clientSecret },
      ...['--as', 'counsellor:c-1@ml-a', 'partners', 'offers', 'sync', '--url', sim.url, '--client-id', 'x'],
    )
    expect(counsellor.code).not.toBe(0)
    expect(counsellor.err).toMatch(/operator/)
    const noSecret = await asGiven(
      {},
      ...['--as', 'operator:o-1', 'partners', 'offers', 'sync', '--url', sim.url, '--client-id', 'x'],
    )
    expect([noSecret.code, noSecret.err]).toEqual([
      2,
      expect.stringContaining('set FRANCE_TRAVAIL_CLIENT_SECRET'),
    ])
  })
})
