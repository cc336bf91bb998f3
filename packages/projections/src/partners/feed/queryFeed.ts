import { isRight } from 'fp-ts/lib/Either.js'
import { type AccessPolicy, decideAccess, type MissionLocaleId, type Actor } from '@parcours/domain'
import { type FeedNotice, type FeedReadModel, feedHead, noticeAt } from './feedProjection.js'

/** A partner actor as the access policy's `Actor` union has it (the same brands). */
export type PartnerActor = Extract<Actor, { readonly kind: 'partner' }>

// ---------------------------------------------------------------------------------------------
// the partner's view of the feed: the notices after a position that its convention lets it see
// (the access policy decides, mission locale by mission locale), a page at a time
// ---------------------------------------------------------------------------------------------

/** A notice as a partner receives it. */
export type PartnerNotice = Omit<FeedNotice, 'kind' | 'missionLocaleIds'>

/** One page of a partner's feed. */
export interface FeedPage {
  readonly notices: ReadonlyArray<PartnerNotice>
  /**
   * The position this page covers up to: the last notice given, or further when the partner may
   * see none of the notices scanned after it. Acknowledge it once the page is processed.
   */
  readonly last: number
  /** The feed's head: the last position there is. */
  readonly head: number
}

/** How much to read: after a position, at most `limit` notices, scanning at most `scan` positions. */
export interface FeedPageQuery {
  readonly after: number
  readonly limit: number
  readonly scan?: number
}

/** Whether the partner's convention lets it see notices of a mission locale, cached per locale. */
export const feedVisibility = (policy: AccessPolicy, partner: PartnerActor) => {
  const seen = new Map<string, boolean>()
  return (notice: FeedNotice): boolean =>
    notice.missionLocaleIds.some((ml) => {
      let allowed = seen.get(ml)
      if (allowed === undefined) {
        allowed = isRight(
          decideAccess(policy, partner, {
            kind: 'read-partner-feed',
            missionLocaleId: ml as MissionLocaleId,
          }),
        )
        seen.set(ml, allowed)
      }
      return allowed
    })
}

const toPartner = ({ kind: _kind, missionLocaleIds: _mls, ...n }: FeedNotice): PartnerNotice => n

/** The page of the partner's feed after `q.after`: notices in feed order, at most `q.limit`. */
export const queryFeedPage = (
  rm: FeedReadModel,
  policy: AccessPolicy,
  partner: PartnerActor,
  q: FeedPageQuery,
): FeedPage => {
  const head = feedHead(rm)
  const visible = feedVisibility(policy, partner)
  const scan = q.scan ?? Math.max(10_000, q.limit * 10)
  const notices: PartnerNotice[] = []
  let last = Math.max(0, Math.min(q.after, head))
  for (let p = last + 1; p <= head && notices.length < q.limit && p - q.after <= scan; p++) {
    const n = noticeAt(rm, p)
    last = p
    if (n !== undefined && visible(n)) notices.push(toPartner(n))
  }
  return { notices, last, head }
}
