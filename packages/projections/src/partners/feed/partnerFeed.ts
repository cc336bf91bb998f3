import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import { type AccessPolicy, defaultAccessPolicy, type EventStore, type JourneyEvent } from '@parcours/domain'
import type { DocMap } from '../../model/docMap.js'
import { createProjectionRunner } from '../../runner/createProjectionRunner.js'
import type { ProjectionRunError } from '../../runner/runnerTypes.js'
import type { ProjectionSink } from '../../sink/projectionSink.js'
import type { CursorStoreFailed, FeedCursorStore } from './cursorStore.js'
import { type FeedDoc, feedHead, partnerFeedProjection } from './feedProjection.js'
import { type FeedPage, type PartnerActor, queryFeedPage } from './queryFeed.js'

// ---------------------------------------------------------------------------------------------
// the feed as a service: its own projection runner (scope `partner-feed`) brought up to date
// before each answer, the partners and their conventions, and their cursors. A cursor moves on
// acknowledgement only; a page never moves it.
// ---------------------------------------------------------------------------------------------

/** A partner of the feed: who it is under its convention, and the token it presents. */
export interface FeedPartner {
  readonly actor: PartnerActor
  readonly token: string
}

/** Why a feed request was refused. */
export type PartnerFeedError =
  | { readonly _tag: 'UnknownPartner'; readonly partnerId: string; readonly message: string }
  | {
      readonly _tag: 'InvalidPosition'
      readonly position: number
      readonly head: number
      readonly message: string
    }
  | CursorStoreFailed
  | ProjectionRunError

/** Where a partner stands: its cursor and the feed's head. */
export interface PartnerCursor {
  readonly partnerId: string
  readonly cursor: number
  readonly head: number
}

/** What an acknowledgement did: the cursor before and after (unchanged for an older position). */
export interface AckResult extends PartnerCursor {
  readonly previous: number
}

/** The feed served to partner apps. */
export interface PartnerFeed {
  readonly partners: ReadonlyArray<FeedPartner>
  /** The partner's page after `after` (default: its cursor), at most `limit` notices. */
  readonly page: (
    partnerId: string,
    q: { readonly after?: number; readonly limit: number },
  ) => TaskEither<PartnerFeedError, FeedPage & { readonly cursor: number }>
  /**
   * The partner processed everything up to `position`: its cursor moves there (never back — an
   * older position, a re-sent acknowledgement, changes nothing). A position past the head is refused.
   */
  readonly ack: (partnerId: string, position: number) => TaskEither<PartnerFeedError, AckResult>
  /** Sets the partner's cursor back (or forward) to `position`, for a replay from there. */
  readonly replay: (partnerId: string, position: number) => TaskEither<PartnerFeedError, AckResult>
  /** Every partner's cursor. */
  readonly cursors: () => TaskEither<PartnerFeedError, ReadonlyArray<PartnerCursor>>
  /** The partner a token belongs to, if any. */
  readonly partnerOfToken: (token: string) => FeedPartner | undefined
}

/** What the feed needs. */
export interface PartnerFeedOptions {
  readonly store: EventStore<JourneyEvent>
  readonly sink: ProjectionSink
  readonly cursors: FeedCursorStore
  readonly partners: ReadonlyArray<FeedPartner>
  readonly policy?: AccessPolicy
  readonly logger?: Logger
}

/** A feed over a store, with its read models in `sink` and its cursors in `cursors`. */
export const createPartnerFeed = (options: PartnerFeedOptions): PartnerFeed => {
  const { cursors, partners } = options
  const policy = options.policy ?? defaultAccessPolicy
  const runner = createProjectionRunner({
    store: options.store,
    projections: [partnerFeedProjection],
    sink: options.sink,
    name: 'partner-feed',
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  })
  // One catch-up at a time: requests queue behind each other, then read what it built.
  let queue: Promise<unknown> = Promise.resolve()
  const upToDate = (): Promise<Either<PartnerFeedError, DocMap<FeedDoc>>> => {
    const next = queue.then(async () => {
      const r = await runner.catchUp()()
      if (isLeft(r)) return left<PartnerFeedError, DocMap<FeedDoc>>(r.left)
      return right<PartnerFeedError, DocMap<FeedDoc>>(
        runner.readModel(partnerFeedProjection) ?? partnerFeedProjection.initial,
      )
    })
    queue = next
    return next
  }
  const byId = new Map(partners.map((p) => [p.actor.id as string, p]))
  const partner = (id: string): Either<PartnerFeedError, FeedPartner> => {
    const p = byId.get(id)
    return p === undefined
      ? left({ _tag: 'UnknownPartner', partnerId: id, message: `no partner ${id} in the feed's partners` })
      : right(p)
  }
  const move =
    (forwardOnly: boolean) =>
    (partnerId: string, position: number): TaskEither<PartnerFeedError, AckResult> =>
    async () => {
      const p = partner(partnerId)
      if (isLeft(p)) return p
      const rm = await upToDate()
      if (isLeft(rm)) return rm
      const head = feedHead(rm.right)
      if (!Number.isSafeInteger(position) || position < 0 || position > head)
        return left({
          _tag: 'InvalidPosition',
          position,
          head,
          message: `position ${position} is not in the feed (0 to ${head})`,
        })
      const previous = await cursors.get(partnerId)()
      if (isLeft(previous)) return previous
      const cursor = forwardOnly ? Math.max(previous.right, position) : position
      if (cursor !== previous.right) {
        const saved = await cursors.set(partnerId, cursor)()
        if (isLeft(saved)) return saved
      }
      return right({ partnerId, previous: previous.right, cursor, head })
    }
  return {
    partners,
    page: (partnerId, q) => async () => {
      const p = partner(partnerId)
      if (isLeft(p)) return p
      const rm = await upToDate()
      if (isLeft(rm)) return rm
      const cursor = await cursors.get(partnerId)()
      if (isLeft(cursor)) return cursor
      const after = q.after ?? cursor.right
      return right({
        ...queryFeedPage(rm.right, policy, p.right.actor, { after, limit: q.limit }),
        cursor: cursor.right,
      })
    },
    ack: move(true),
    replay: move(false),
    cursors: () => async () => {
      const rm = await upToDate()
      if (isLeft(rm)) return rm
      const head = feedHead(rm.right)
      const out = []
      for (const p of partners) {
        const c = await cursors.get(p.actor.id)()
        if (isLeft(c)) return c
        out.push({ partnerId: p.actor.id as string, cursor: c.right, head })
      }
      return right(out)
    },
    partnerOfToken: (token) => partners.find((p) => tokensEqual(p.token, token)),
  }
}

// Compares every character whatever the first difference, so timing tells nothing of a token.
const tokensEqual = (a: string, b: string): boolean => {
  let diff = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0)
  return diff === 0
}
