import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { FeedPage, PartnerNotice } from './queryFeed.js'

// ---------------------------------------------------------------------------------------------
// a partner app's side of the feed: a client of the HTTP feed, and a consumer that processes each
// page then acknowledges — after processing, never before: a notice whose processing failed is
// not acknowledged, and comes back on the next poll.
// ---------------------------------------------------------------------------------------------

/** A feed request that failed: the server's answer (status and error), or no answer at all. */
export interface FeedRequestFailed {
  readonly _tag: 'FeedRequestFailed'
  readonly status: number | null
  readonly error: string
  readonly message: string
}

/** A page as the server gives it, with the partner's cursor. */
export type ServedPage = FeedPage & { readonly cursor: number }

/** The HTTP client of the feed. */
export interface FeedClient {
  /** The page after `after` (default: the partner's cursor on the server). */
  readonly page: (q: {
    readonly after?: number
    readonly limit: number
  }) => TaskEither<FeedRequestFailed, ServedPage>
  /** Acknowledges everything up to `position`. */
  readonly ack: (
    position: number,
  ) => TaskEither<FeedRequestFailed, { readonly cursor: number; readonly previous: number }>
}

const request = async <A>(
  url: string,
  token: string,
  init: RequestInit = {},
): Promise<Either<FeedRequestFailed, A>> => {
  let res: Response
  try {
    res = await fetch(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } })
  } catch (e) {
    return left({
      _tag: 'FeedRequestFailed',
      status: null,
      error: 'Unreachable',
      message: (e as Error).message,
    })
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string }
  if (!res.ok)
    return left({
      _tag: 'FeedRequestFailed',
      status: res.status,
      error: body.error ?? 'HttpError',
      message: body.message ?? res.statusText,
    })
  return right(body as A)
}

/** A client of the feed at `baseUrl` (e.g. `http://127.0.0.1:8080`), as the partner with `token`. */
export const createFeedClient = (options: {
  readonly baseUrl: string
  readonly token: string
}): FeedClient => ({
  page: (q) => () => {
    const params = new URLSearchParams({ limit: String(q.limit) })
    if (q.after !== undefined) params.set('after', String(q.after))
    return request<ServedPage>(`${options.baseUrl}/feed?${params}`, options.token)
  },
  ack: (position) => () =>
    request(`${options.baseUrl}/feed/ack`, options.token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ position }),
    }),
})

/** What processing one notice says: done, or failed (the notice and those after it are not acknowledged). */
export type NoticeHandler = (notice: PartnerNotice) => Promise<Either<{ readonly reason: string }, unknown>>

/** What one poll did. */
export interface PollResult {
  /** Notices handled successfully in this poll. */
  readonly handled: number
  /** The position acknowledged, or null when nothing was. */
  readonly acked: number | null
  /** The handler's failure that stopped the page, if one did. */
  readonly failed: { readonly notice: PartnerNotice; readonly reason: string } | null
  /** Whether the page reached the feed's head. */
  readonly atHead: boolean
}

/**
 * One poll of the feed from the partner's cursor: each notice handled in order, then the page
 * acknowledged up to the last notice handled (the whole page when all were, so notices the
 * convention hides are passed too). A failure stops the page there: what failed is given again.
 */
export const pollOnce =
  (client: FeedClient, handle: NoticeHandler, limit = 100): TaskEither<FeedRequestFailed, PollResult> =>
  async () => {
    const page = await client.page({ limit })()
    if (isLeft(page)) return page
    let handled = 0
    let upTo = page.right.cursor
    let failed: PollResult['failed'] = null
    for (const notice of page.right.notices) {
      const r = await handle(notice)
      if (isLeft(r)) {
        failed = { notice, reason: r.left.reason }
        break
      }
      handled++
      upTo = notice.position
    }
    if (failed === null) upTo = Math.max(upTo, page.right.last)
    if (upTo <= page.right.cursor) return right({ handled, acked: null, failed, atHead: false })
    const acked = await client.ack(upTo)()
    if (isLeft(acked)) return acked
    return right({
      handled,
      acked: upTo,
      failed,
      atHead: failed === null && page.right.last >= page.right.head,
    })
  }

/** Polls until the feed's head is reached or a notice fails; the polls it made. */
export const consumeToHead =
  (
    client: FeedClient,
    handle: NoticeHandler,
    limit = 100,
  ): TaskEither<FeedRequestFailed, ReadonlyArray<PollResult>> =>
  async () => {
    const polls: PollResult[] = []
    for (;;) {
      const r = await pollOnce(client, handle, limit)()
      if (isLeft(r)) return r
      polls.push(r.right)
      if (r.right.atHead || r.right.failed !== null || r.right.acked === null) return right(polls)
    }
  }
