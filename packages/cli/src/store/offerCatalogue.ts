import { isLeft } from 'fp-ts/lib/Either.js'
import {
  getInMemoryInbox,
  getInMemoryOfferCatalogue,
  getSqliteInbox,
  getSqliteOfferCatalogue,
  type InboxStore,
  type OfferCatalogue,
} from '@parcours/adapters'
import type { PartnerOfferRef } from '@parcours/domain'
import type { RunContext, WithGlobals } from '../cli/context.js'
import { infrastructureError, usageError } from '../cli/errors.js'
import { offerCataloguePathFor, partnerInboxPathFor } from './storeSpec.js'

// ---------------------------------------------------------------------------------------------
// the offer catalogue and the partner inbox of a run: SQLite files beside the store
// (PATH.offers, PATH.inbox), or memory; and the check of a proposal's `--partner-offer`
// ---------------------------------------------------------------------------------------------

/** Opens the run's offer catalogue; it is closed when the run ends. */
export const openOfferCatalogue = (ctx: RunContext, cmd: WithGlobals): OfferCatalogue => {
  const path = offerCataloguePathFor(ctx.storeSpec(cmd), ctx.io.cwd)
  const catalogue = path === undefined ? getInMemoryOfferCatalogue() : getSqliteOfferCatalogue({ path })
  ctx.onDispose(catalogue.close)
  return catalogue
}

/** Opens the run's partner inbox; it is closed when the run ends. */
export const openPartnerInbox = (ctx: RunContext, cmd: WithGlobals): InboxStore => {
  const path = partnerInboxPathFor(ctx.storeSpec(cmd), ctx.io.cwd)
  const inbox = path === undefined ? getInMemoryInbox() : getSqliteInbox({ path })
  ctx.onDispose(inbox.close)
  return inbox
}

/** The link to a France Travail offer from `--partner-offer`, checked to be in the catalogue and open. */
export const partnerOfferFrom = async (
  ctx: RunContext,
  cmd: WithGlobals,
  o: { readonly partnerOffer?: string },
): Promise<{ readonly partnerOffer: PartnerOfferRef } | Record<string, never>> =>
  o.partnerOffer === undefined
    ? {}
    : { partnerOffer: await partnerOfferIn(openOfferCatalogue(ctx, cmd), o.partnerOffer) }

/**
 * The link to offer `offerId`, checked to be in the catalogue and open (the CLI's `--partner-offer`
 * and the web's offer form): a usage error saying why not, an unavailable catalogue exit 3.
 */
export const partnerOfferIn = async (
  catalogue: OfferCatalogue,
  offerId: string,
): Promise<PartnerOfferRef> => {
  const found = await catalogue.get(offerId)()
  if (isLeft(found)) throw infrastructureError(`the offer catalogue is unavailable: ${found.left.message}`)
  if (found.right === undefined)
    throw usageError(
      `no offer ${offerId} in the offer catalogue: sync France Travail's offers first (parcours partners offers sync).`,
    )
  if (found.right.withdrawnAt !== null)
    throw usageError(
      `offer ${offerId} (${found.right.title}) was withdrawn by France Travail (found gone ${found.right.withdrawnAt.slice(0, 10)}): it cannot be proposed.`,
    )
  return { partner: 'france-travail', offerId } as PartnerOfferRef
}

/** The offers France Travail withdrew, by id, with when the catalogue found them gone: what the worklist flags. */
export const withdrawnOffersOf = async (catalogue: OfferCatalogue): Promise<ReadonlyMap<string, string>> => {
  const offers = await catalogue.list()()
  if (isLeft(offers)) throw infrastructureError(`the offer catalogue is unavailable: ${offers.left.message}`)
  return new Map(
    offers.right.flatMap((x) => (x.withdrawnAt === null ? [] : [[x.id, x.withdrawnAt] as const])),
  )
}
