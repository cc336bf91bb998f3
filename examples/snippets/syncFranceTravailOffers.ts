// The adapters README's France Travail sync: job offers into the offer catalogue, through the
// inbox. FRANCE_TRAVAIL_URL points it at another server (the test gives it the local simulator);
// the catalogue and the inbox are SQLite files in the current folder.
// #region readme
import { isLeft } from 'fp-ts/lib/Either.js'
import {
  franceTravailClient,
  getSqliteInbox,
  getSqliteOfferCatalogue,
  syncFranceTravailOffers,
  systemScheduler,
} from '@parcours/adapters'
// #endregion readme

/** Syncs the offers once; resolves to the counts of the sync. */
export const main = async () => {
  // #region readme

  const client = franceTravailClient({
    baseUrl: process.env['FRANCE_TRAVAIL_URL'] ?? 'https://api.francetravail.io',
    clientId: process.env['FRANCE_TRAVAIL_CLIENT_ID'] ?? 'my-client-id',
    clientSecret: process.env['FRANCE_TRAVAIL_CLIENT_SECRET'] ?? '',
    scheduler: systemScheduler,
    criteria: { departement: '80' },
  })
  const catalogue = getSqliteOfferCatalogue({ path: 'parcours.db.offers' })
  const inbox = getSqliteInbox({ path: 'parcours.db.inbox' })
  const r = await syncFranceTravailOffers({ client, catalogue, inbox, scheduler: systemScheduler })
  if (!isLeft(r)) console.log(r.right.counts, r.right.withdrawn) // { received, recorded, duplicated, rejected, parked }
  // #endregion readme
  catalogue.close()
  inbox.close()
  if (isLeft(r)) throw new Error(r.left._tag)
  return r.right.counts
}
