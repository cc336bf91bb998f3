import type { OfferCatalogue, TrainingCatalogue } from '@parcours/adapters'
import type { AccessPolicy } from '@parcours/domain'
import type { PartnerFeed, ProjectionSink } from '@parcours/projections'
import type { StoreEnv } from '../store/openStore.js'
import type { OutreachEnv } from '../store/outreach.js'
import { runProjections } from '../store/readModels.js'

// ---------------------------------------------------------------------------------------------
// model: what the web module holds open while it serves — the store with its vault and access
// log, the read models, the training and offer catalogues, the outreach cases, the partner feed
// (when partners are listed)
// ---------------------------------------------------------------------------------------------

/** The opened store handles every handler and page model reads through. */
export interface ServeHandles {
  readonly env: StoreEnv
  readonly sink: ProjectionSink
  readonly catalogue: TrainingCatalogue
  /** France Travail's job offers, open and withdrawn (beside the store). */
  readonly offers: OfferCatalogue
  /** The outreach cases of the school dropout lists (beside the store). */
  readonly outreach: OutreachEnv
  readonly policy: AccessPolicy
  /** The feed partner apps poll; undefined when no partners file was given. */
  readonly feed: PartnerFeed | undefined
  /** Brings the read models up to date; concurrent callers share one run. */
  readonly refresh: () => Promise<void>
}

/** The handles over an opened store and sink; `refresh` runs the projections one catch-up at a time. */
export const serveHandles = (
  parts: Omit<ServeHandles, 'refresh' | 'feed'> & { readonly feed?: PartnerFeed },
): ServeHandles => {
  let last: Promise<void> = Promise.resolve()
  // One runner at a time: each caller waits for a run that starts after it asked.
  const refresh = (): Promise<void> => {
    const run = last
      .catch(() => undefined)
      .then(() => runProjections(parts.env, parts.sink, { mode: 'catch-up' }))
      .then(() => undefined)
    last = run
    return run
  }
  return { ...parts, feed: parts.feed, refresh }
}
