import type { JourneyEvent, RecordedEvent } from '@parcours/domain'
import type { DocMap } from '../../model/docMap.js'
import { getDoc } from '../../model/docMap.js'
import type { Draft } from '../../model/draft.js'
import { type KeyedProjection, keyedProjection } from '../../model/projection.js'
import { isFirstRegistration, isNextInStream } from '../../model/streamGuard.js'
import { type NoticeAction, noticeDateOf, type NoticeObject, noticeOf } from './notices.js'

// ---------------------------------------------------------------------------------------------
// model: the feed partner apps poll, as a projection. Each notice gets the next position of the
// feed, in the order of the global log — so a journey's notices keep its stream's order, and a
// rebuild numbers them as the incremental run did. A per-journey document remembers the stream
// revision it applied (a redelivered event makes no second notice) and the mission locale that
// holds the journey, which decides which partners see its notices.
// ---------------------------------------------------------------------------------------------

/** One notice of the feed: what a partner app receives. */
export interface FeedNotice {
  readonly kind: 'notice'
  /** Its place in the feed: 1, 2, 3… in the order of the log. A partner acknowledges positions. */
  readonly position: number
  /** Stable id (`<journey>:<stream revision>`): a partner that sees it twice knows it. */
  readonly id: string
  /** The journey (pseudonymous young person's id). */
  readonly journey: string
  readonly object: NoticeObject
  /** The object's id (appointment, session, proposal, situation, activity; the programme's name); null for the journey. */
  readonly objectId: string | null
  readonly action: NoticeAction
  /** YYYY-MM-DD: the event's business date (a closure's: the first of its month). */
  readonly date: string
  /** The mission locales the notice concerns: the holder, and for a transfer the one it left. */
  readonly missionLocaleIds: ReadonlyArray<string>
}

/** The feed's head: the last position given. */
export interface FeedHead {
  readonly kind: 'head'
  readonly last: number
}

/** What the feed remembers of a journey. */
export interface FeedJourney {
  readonly kind: 'journey'
  readonly missionLocaleId: string
  readonly revision: number
}

/** A document of the feed's read model. */
export type FeedDoc = FeedNotice | FeedHead | FeedJourney

/** The feed's read model: the notices keyed `n:<position>`, the head, and one document per journey. */
export type FeedReadModel = DocMap<FeedDoc>

const HEAD = 'head'
/** The key of the notice at a position. */
export const noticeKey = (position: number): string => `n:${position}`

const step = (draft: Draft<FeedDoc>, recorded: RecordedEvent<JourneyEvent>): void => {
  const e = recorded.event
  const key = `journey:${e.youthId}`
  const existing = draft.get(key) as FeedJourney | undefined
  const revision = Number(recorded.revision)
  let concerned: ReadonlyArray<string>
  if (e.type === 'YouthRegistered' && isFirstRegistration(existing, recorded)) {
    draft.put<FeedJourney>(key, { kind: 'journey', missionLocaleId: e.missionLocaleId, revision })
    concerned = [e.missionLocaleId]
  } else if (isNextInStream(existing, recorded)) {
    const holder = e.type === 'JourneyTransferred' ? e.missionLocaleId : existing.missionLocaleId
    draft.put<FeedJourney>(key, { kind: 'journey', missionLocaleId: holder, revision })
    concerned = holder === existing.missionLocaleId ? [holder] : [existing.missionLocaleId, holder]
  } else return
  const notice = noticeOf(e)
  if (notice === null) return
  const head = draft.get(HEAD) as FeedHead | undefined
  const position = (head?.last ?? 0) + 1
  draft.put<FeedHead>(HEAD, { kind: 'head', last: position })
  draft.put<FeedNotice>(noticeKey(position), {
    kind: 'notice',
    position,
    id: `${e.youthId}:${revision}`,
    journey: e.youthId,
    object: notice.object,
    objectId: notice.objectId,
    action: notice.action,
    date: noticeDateOf(e),
    missionLocaleIds: [...concerned],
  })
}

/** The partner feed projection. Its runner must see the whole log (never a partition). */
export const partnerFeedProjection: KeyedProjection<FeedDoc> = keyedProjection<FeedDoc>({
  name: 'partner-feed',
  version: 1,
  step,
  merge: (_key, a) => a,
})

/** The last position of the feed (0 when empty). */
export const feedHead = (rm: FeedReadModel): number => (getDoc(rm, HEAD) as FeedHead | undefined)?.last ?? 0

/** The notice at a position, if any. */
export const noticeAt = (rm: FeedReadModel, position: number): FeedNotice | undefined =>
  getDoc(rm, noticeKey(position)) as FeedNotice | undefined
