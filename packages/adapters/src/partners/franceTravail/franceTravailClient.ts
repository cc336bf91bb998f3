import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import { messageOf } from '../../interop/tryDriver.js'
import { backoffDelay, type RetryPolicy, type Scheduler } from '../inbox/scheduler.js'
import { tokenBucket } from './tokenBucket.js'

// ---------------------------------------------------------------------------------------------
// the client of France Travail's "Offres d'emploi v2" search: an OAuth2 client-credentials token,
// obtained and renewed before it expires (and once more on a 401); at most 3 requests a second
// (a token bucket on the injected clock); a 429 waits for its Retry-After, a 5xx or a network
// error backs off exponentially; the search is read page by page with `range=p-d`, answered
// 206 with `Content-Range: offres p-d/total` (200 when the last page is the whole result).
// ---------------------------------------------------------------------------------------------

/** Where and as whom the client connects. */
export interface FranceTravailConfig {
  /** The API's root: the token is at `/connexion/oauth2/access_token`, the search at `/partenaire/offresdemploi/v2/offres/search`. */
  readonly baseUrl: string
  readonly clientId: string
  readonly clientSecret: string
  /** The OAuth2 scope (default `api_offresdemploiv2 o2dsoffre`). */
  readonly scope?: string
  readonly scheduler: Scheduler
  /** Requests a second (default 3, France Travail's limit). */
  readonly ratePerSecond?: number
  /** Tries of one request before giving up (default 6), and the backoff between them. */
  readonly retry?: RetryPolicy
  /** Offers a page (default 150, the API's most). */
  readonly pageSize?: number
  /** Search criteria added to every search (`departement`, `codeROME`…). */
  readonly criteria?: Readonly<Record<string, string>>
  readonly logger?: Logger
}

/** Why the search could not be read. */
export interface FranceTravailUnavailable {
  readonly _tag: 'FranceTravailUnavailable'
  readonly reason: string
}

/** One page of the search: its range, the total and its offers, not yet validated. */
export interface OfferPage {
  readonly from: number
  readonly to: number
  readonly total: number
  readonly offers: ReadonlyArray<unknown>
}

/** What the client did, for its counters. */
export interface ClientStats {
  readonly requests: number
  readonly tokens: number
  readonly retries: number
}

const clientRetry: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 16_000 }
const CONTENT_RANGE = /^offres (\d+)-(\d+)\/(\d+)$/

/** A client of the France Travail offer search. */
export const franceTravailClient = (config: FranceTravailConfig) => {
  const { scheduler } = config
  const retry = config.retry ?? clientRetry
  const bucket = tokenBucket(scheduler, { ratePerSecond: config.ratePerSecond ?? 3 })
  const log = config.logger?.child({ module: 'franceTravailClient' })
  const base = config.baseUrl.replace(/\/$/, '')
  let token: { readonly value: string; readonly expiresAt: number } | undefined
  const stats = { requests: 0, tokens: 0, retries: 0 }
  const unavailable = (reason: string): FranceTravailUnavailable => ({
    _tag: 'FranceTravailUnavailable',
    reason,
  })

  /** Sends a request under the rate limit, retrying 429 (after Retry-After), 5xx and network errors. */
  const send = async (url: string, init: () => Promise<RequestInit>): Promise<Either<string, Response>> => {
    let last = ''
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      await bucket.take()
      stats.requests++
      let response: Response | undefined
      try {
        response = await fetch(url, await init())
      } catch (e) {
        last = `network error: ${messageOf(e)}`
      }
      if (response !== undefined && response.status !== 429 && response.status < 500) return right(response)
      let wait = backoffDelay(retry, attempt)
      if (response !== undefined) {
        await response.arrayBuffer().catch(() => undefined)
        last = `HTTP ${response.status}`
        const after = Number(response.headers.get('retry-after'))
        if (response.status === 429 && Number.isFinite(after) && after >= 0) wait = after * 1000
      }
      if (attempt === retry.maxAttempts) break
      stats.retries++
      log?.warn({ url, attempt, status: last, waitMs: wait }, 'France Travail request retried')
      await scheduler.sleep(wait)
    }
    return left(`${last} after ${retry.maxAttempts} tries`)
  }

  const accessToken = async (renew: boolean): Promise<Either<string, string>> => {
    // Renewed 10 s before it expires, so that no request carries a token about to lapse.
    if (!renew && token !== undefined && scheduler.now() < token.expiresAt - 10_000) return right(token.value)
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: config.clientId,
      client_secret: config.clientSecret,
      scope: config.scope ?? 'api_offresdemploiv2 o2dsoffre',
    })
    const r = await send(`${base}/connexion/oauth2/access_token?realm=%2Fpartenaire`, async () => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    }))
    if (r._tag === 'Left') return r
    if (r.right.status !== 200) return left(`the token was refused: HTTP ${r.right.status}`)
    const json = (await r.right.json().catch(() => undefined)) as
      { access_token?: unknown; expires_in?: unknown } | undefined
    if (typeof json?.access_token !== 'string' || typeof json.expires_in !== 'number')
      return left('the token answer has no access_token and expires_in')
    stats.tokens++
    token = { value: json.access_token, expiresAt: scheduler.now() + json.expires_in * 1000 }
    return right(token.value)
  }

  /** One page of the search, from offer `from` (0-based). */
  const page = async (from: number): Promise<Either<FranceTravailUnavailable, OfferPage>> => {
    const to = from + (config.pageSize ?? 150) - 1
    const query = new URLSearchParams({ ...config.criteria, range: `${from}-${to}` })
    const url = `${base}/partenaire/offresdemploi/v2/offres/search?${query.toString()}`
    let renewed = false
    for (;;) {
      const t = await accessToken(renewed)
      if (t._tag === 'Left') return left(unavailable(t.left))
      const r = await send(url, async () => ({
        headers: { authorization: `Bearer ${t.right}`, accept: 'application/json' },
      }))
      if (r._tag === 'Left') return left(unavailable(`the search failed: ${r.left}`))
      const res = r.right
      if (res.status === 401 && !renewed) {
        await res.arrayBuffer().catch(() => undefined)
        renewed = true // the token lapsed early (revoked, clock skew): one new token, then give up
        continue
      }
      if (res.status === 204) return right({ from, to: from - 1, total: 0, offers: [] })
      if (res.status !== 200 && res.status !== 206)
        return left(
          unavailable(`the search answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`),
        )
      const json = (await res.json().catch(() => undefined)) as { resultats?: unknown } | undefined
      if (!Array.isArray(json?.resultats))
        return left(unavailable('the search answer has no resultats array'))
      const range = CONTENT_RANGE.exec(res.headers.get('content-range') ?? '')
      if (range === null)
        return res.status === 200
          ? right({
              from,
              to: from + json.resultats.length - 1,
              total: from + json.resultats.length,
              offers: json.resultats,
            })
          : left(unavailable(`a 206 answer without a Content-Range 'offres p-d/total'`))
      return right({
        from: Number(range[1]),
        to: Number(range[2]),
        total: Number(range[3]),
        offers: json.resultats,
      })
    }
  }

  return {
    page,
    /** Every page of the search, in order; the last item is a Left if a page could not be read. */
    pages: async function* (): AsyncGenerator<Either<FranceTravailUnavailable, OfferPage>> {
      let from = 0
      for (;;) {
        const p = await page(from)
        yield p
        if (p._tag === 'Left' || p.right.offers.length === 0 || p.right.to + 1 >= p.right.total) return
        from = p.right.to + 1
      }
    },
    /** The requests, tokens and retries sent so far. */
    stats: (): ClientStats => ({ ...stats }),
  }
}

/** A France Travail client. */
export type FranceTravailClient = ReturnType<typeof franceTravailClient>
