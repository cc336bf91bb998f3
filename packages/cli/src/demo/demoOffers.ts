import { isLeft } from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import {
  franceTravailClient,
  generateFranceTravailOffers,
  startFranceTravailSimulator,
  syncFranceTravailOffers,
  systemScheduler,
  type InboxStore,
  type OfferCatalogue,
  type OfferSyncReport,
} from '@parcours/adapters'
import type { PartnerOfferRef } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// the demo's job offers: a simulated France Travail on 127.0.0.1 serves offers generated from the
// seed (one of them malformed); they are synced into the offer catalogue twice, as a nightly job
// would — the second time one offer is re-delivered and one is withdrawn upstream — through the
// real client (OAuth2 token, rate limit, pages); employment and apprenticeship proposals then
// offer the offers still open. France Travail allows 3 requests a second; the local simulator and
// the client here agree on 20, so the demo does not wait a second between pages for nothing.
// ---------------------------------------------------------------------------------------------

// Requests a second the local simulator takes and the client sends.
const DEMO_RATE_PER_SECOND = 20

/** What the demo's offer catalogue holds: the two syncs' reports and the offers proposals may offer. */
export interface DemoOffers {
  readonly url: string
  readonly syncs: readonly [OfferSyncReport, OfferSyncReport]
  readonly offers: ReadonlyArray<PartnerOfferRef>
}

/** Starts the simulator, syncs twice, stops it; the open offers, or why it failed. */
export const syncDemoOffers = async (
  catalogue: OfferCatalogue,
  inbox: InboxStore,
  seed: number,
  logger?: Logger,
): Promise<DemoOffers | string> => {
  const offers = generateFranceTravailOffers({ count: 80, seed })
  const malformed = { ...offers[0], id: '000XXXX', dateCreation: 'hier', lieuTravail: null }
  const sim = await startFranceTravailSimulator({
    offers: [...offers, malformed],
    ratePerSecond: DEMO_RATE_PER_SECOND,
  })
  try {
    const client = franceTravailClient({
      baseUrl: sim.url,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      scheduler: systemScheduler,
      pageSize: 50,
      ratePerSecond: DEMO_RATE_PER_SECOND,
      ...(logger === undefined ? {} : { logger }),
    })
    const sync = () =>
      syncFranceTravailOffers({
        client,
        catalogue,
        inbox,
        scheduler: systemScheduler,
        ...(logger === undefined ? {} : { logger }),
      })
    const first = await sync()
    if (isLeft(first)) return first.left.message
    sim.redeliver(String(offers[1]?.['id']))
    sim.withdraw(String(offers[2]?.['id']))
    const second = await sync()
    if (isLeft(second)) return second.left.message
    const listed = await catalogue.list()()
    if (isLeft(listed)) return listed.left.message
    return {
      url: sim.url,
      syncs: [first.right, second.right],
      offers: listed.right
        .filter((o) => o.withdrawnAt === null)
        .map((o) => ({ partner: 'france-travail', offerId: o.id }) as PartnerOfferRef),
    }
  } finally {
    await sim.close()
  }
}
