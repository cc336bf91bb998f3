import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import type { CounterDelta, InboxFailed, InboxFailure, InboxStore } from '../inbox/inboxStore.js'
import { noCounts } from '../inbox/inboxStore.js'
import { inboundReceiver, type InboundFlow, type InboundMessage } from '../inbox/receiveInbound.js'
import type { RetryPolicy, Scheduler } from '../inbox/scheduler.js'
import type { FranceTravailClient, FranceTravailUnavailable } from './franceTravailClient.js'
import type { OfferCatalogue } from './offerCatalogue.js'
import { decodeFranceTravailOffer, type OfferRecord } from './offerCodec.js'

// ---------------------------------------------------------------------------------------------
// a sync of France Travail's offers into the offer catalogue, through the inbox: every page of
// the search, every offer validated, recorded and acknowledged one by one. A sync that read
// every page is complete: the open offers it did not find were withdrawn upstream.
// ---------------------------------------------------------------------------------------------

/** The inbox flow of France Travail's offers. */
export const FRANCE_TRAVAIL_OFFERS = 'france-travail/offers'

/** The flow of France Travail's offers into a catalogue. */
export const franceTravailOffersFlow = (catalogue: OfferCatalogue): InboundFlow<OfferRecord> => ({
  flow: FRANCE_TRAVAIL_OFFERS,
  decode: decodeFranceTravailOffer,
  record: (offer) => async () => {
    const r = await catalogue.record(offer)()
    return isLeft(r) ? left(r.left.message) : r
  },
})

/** What a sync did. */
export interface OfferSyncReport {
  readonly counts: CounterDelta
  readonly pages: number
  /** The total the search announced. */
  readonly total: number
  /** Every page was read: the offers withdrawn upstream are known. */
  readonly complete: boolean
  /** Why it stopped early, when it did (what came before is recorded). */
  readonly stoppedBy: FranceTravailUnavailable | null
  /** The offers found withdrawn by this sync. */
  readonly withdrawn: ReadonlyArray<string>
  /** The offers rejected or parked by this sync. */
  readonly failures: ReadonlyArray<InboxFailure>
}

/** What stops a sync: the inbox or the catalogue failed (with what was done before). */
export type OfferSyncFailed = (
  InboxFailed | { readonly _tag: 'CatalogueFailed'; readonly message: string }
) & {
  readonly report: OfferSyncReport
}

/** Syncs France Travail's offers into the catalogue. */
export const syncFranceTravailOffers = async (deps: {
  readonly client: FranceTravailClient
  readonly catalogue: OfferCatalogue
  readonly inbox: InboxStore
  readonly scheduler: Scheduler
  readonly retry?: RetryPolicy
  readonly logger?: Logger
}): Promise<Either<OfferSyncFailed, OfferSyncReport>> => {
  const receiver = inboundReceiver(
    {
      inbox: deps.inbox,
      scheduler: deps.scheduler,
      ...(deps.retry === undefined ? {} : { retry: deps.retry }),
      ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    },
    franceTravailOffersFlow(deps.catalogue),
  )
  const counts = { ...noCounts }
  const present = new Set<string>()
  const failures: InboxFailure[] = []
  let [pages, total] = [0, 0]
  let stoppedBy: FranceTravailUnavailable | null = null
  const report = (withdrawn: ReadonlyArray<string> = []): OfferSyncReport => ({
    counts: { ...counts },
    pages,
    total,
    complete: stoppedBy === null,
    stoppedBy,
    withdrawn,
    failures,
  })
  for await (const page of deps.client.pages()) {
    if (isLeft(page)) {
      stoppedBy = page.left
      break
    }
    pages++
    total = page.right.total
    const messages: InboundMessage[] = page.right.offers.map((raw, i) => ({
      where: `range ${page.right.from}-${page.right.to} #${page.right.from + i}`,
      raw,
    }))
    const r = await receiver.receiveAll(messages)
    const run = isLeft(r) ? r.left.report : r.right
    for (const k of Object.keys(counts) as Array<keyof CounterDelta>) counts[k] += run.counts[k]
    for (const key of run.keys) present.add(key)
    for (const f of run.failures) if (f.key !== f.where) present.add(f.key) // still offered upstream
    failures.push(...run.failures)
    if (isLeft(r)) return left({ ...r.left, report: report() })
  }
  if (stoppedBy !== null) return right(report())
  const gone = await deps.catalogue.withdrawAbsent(present, new Date(deps.scheduler.now()).toISOString())()
  if (isLeft(gone)) return left({ ...gone.left, report: report() })
  // A withdrawn offer that comes back is recorded again, not taken for a re-delivery.
  const forgotten = await deps.inbox.forget(FRANCE_TRAVAIL_OFFERS, gone.right)()
  if (isLeft(forgotten)) return left({ ...forgotten.left, report: report(gone.right) })
  deps.logger
    ?.child({ module: 'franceTravailSync' })
    .info({ ...counts, pages, total, withdrawn: gone.right.length }, 'France Travail offers synced')
  return right(report(gone.right))
}
