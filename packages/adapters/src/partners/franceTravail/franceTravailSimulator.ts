import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// ---------------------------------------------------------------------------------------------
// a local France Travail for tests and the demo (node:http on 127.0.0.1): the OAuth2 token
// endpoint, the offer search with `range` and `Content-Range`, its own rate limit (429 with
// Retry-After past 3 requests in any second), tokens that expire, and faults to inject: 5xx
// answers, a malformed offer, a re-delivered offer, an offer withdrawn between two syncs.
// ---------------------------------------------------------------------------------------------

/** How the simulator behaves. */
export interface FranceTravailSimulatorOptions {
  /** The offers the search returns, in order (anything: a malformed one is served as it is). */
  readonly offers: ReadonlyArray<unknown>
  readonly clientId?: string
  readonly clientSecret?: string
  /** The clock its rate limit and tokens read (default the system's; tests share theirs with the client). */
  readonly now?: () => number
  /** Requests accepted in any second (default 3). */
  readonly ratePerSecond?: number
  /** A token's life, in seconds (default 1499, as France Travail's). */
  readonly tokenSeconds?: number
  /** The widest range a search accepts (default 150). */
  readonly maxRange?: number
}

/** One request the simulator answered. */
export interface SimulatedRequest {
  readonly method: string
  readonly path: string
  readonly range: string | null
  readonly status: number
  readonly at: number
}

/** A running simulator. */
export interface FranceTravailSimulator {
  /** The API root to give the client. */
  readonly url: string
  readonly clientId: string
  readonly clientSecret: string
  /** Every request answered, in order. */
  readonly requests: ReadonlyArray<SimulatedRequest>
  /** The next `n` searches answer `status` (default 503). */
  readonly failNext: (n: number, status?: number) => void
  /** Removes an offer: the next sync no longer finds it. */
  readonly withdraw: (id: string) => void
  /** Serves an offer once more, at the end of the results (a partner re-delivering it). */
  readonly redeliver: (id: string) => void
  /** Adds or replaces offers (by id), at the end. */
  readonly publish: (...offers: ReadonlyArray<unknown>) => void
  /** Makes every token issued so far invalid (the next search is answered 401). */
  readonly revokeTokens: () => void
  /** Stops the simulator's server. */
  readonly close: () => Promise<void>
}

const idOf = (o: unknown) => (typeof o === 'object' && o !== null ? (o as { id?: unknown }).id : undefined)
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(body === undefined ? undefined : JSON.stringify(body))
}
const bodyOf = async (req: IncomingMessage) => {
  let text = ''
  for await (const chunk of req) text += String(chunk)
  return new URLSearchParams(text)
}

/** Starts a simulated France Travail on 127.0.0.1 (port 0 unless given); `close` stops it. */
export const startFranceTravailSimulator = async (
  options: FranceTravailSimulatorOptions,
  port = 0,
): Promise<FranceTravailSimulator> => {
  const now = options.now ?? (() => Date.now())
  const clientId = options.clientId ?? 'parcours-simulated'
  const clientSecret = options.clientSecret ?? 'simulated-secret'
  const rate = options.ratePerSecond ?? 3
  const maxRange = options.maxRange ?? 150
  let offers = [...options.offers]
  const tokens = new Map<string, number>()
  const requests: SimulatedRequest[] = []
  let recent: number[] = []
  let failures: { n: number; status: number } = { n: 0, status: 503 }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const range = url.searchParams.get('range')
    const answer = (status: number, body: unknown, headers?: Record<string, string>) => {
      requests.push({ method: req.method ?? '', path: url.pathname, range, status, at: now() })
      json(res, status, body, headers)
    }
    const t = now()
    recent = recent.filter((x) => x > t - 1000)
    if (recent.length >= rate)
      return answer(429, { message: 'Limite de requêtes atteinte' }, { 'retry-after': '1' })
    recent.push(t)
    if (req.method === 'POST' && url.pathname === '/connexion/oauth2/access_token') {
      const form = await bodyOf(req)
      if (form.get('grant_type') !== 'client_credentials')
        return answer(400, { error: 'unsupported_grant_type' })
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret)
        return answer(401, { error: 'invalid_client', error_description: 'Client authentication failed' })
      const token = randomUUID()
      const seconds = options.tokenSeconds ?? 1499
      tokens.set(token, t + seconds * 1000)
      return answer(200, {
        access_token: token,
        token_type: 'Bearer',
        expires_in: seconds,
        scope: form.get('scope') ?? '',
      })
    }
    if (req.method === 'GET' && url.pathname === '/partenaire/offresdemploi/v2/offres/search') {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
      const expiresAt = bearer === undefined ? undefined : tokens.get(bearer)
      if (expiresAt === undefined || t >= expiresAt)
        return answer(401, { message: 'Token invalide ou expiré' })
      if (failures.n > 0) {
        failures = { ...failures, n: failures.n - 1 }
        return answer(failures.status, { message: 'Service momentanément indisponible' })
      }
      const m = /^(\d+)-(\d+)$/.exec(range ?? '0-149')
      const [from, to] = m === null ? [NaN, NaN] : [Number(m[1]), Number(m[2])]
      if (!(from <= to) || to - from + 1 > maxRange)
        return answer(400, { message: `range ${range ?? ''}: at most ${maxRange} offers, p <= d` })
      if (offers.length === 0) return answer(204, undefined)
      if (from >= offers.length)
        return answer(416, { message: `range ${range ?? ''} beyond ${offers.length}` })
      const page = offers.slice(from, to + 1)
      const last = from + page.length - 1
      return answer(
        page.length < offers.length ? 206 : 200,
        { resultats: page },
        {
          'content-range': `offres ${from}-${last}/${offers.length}`,
          'accept-range': `offres ${maxRange}`,
        },
      )
    }
    return answer(404, { message: `no ${req.method ?? ''} ${url.pathname}` })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => json(res, 500, { message: 'simulator error' }))
  })
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done))
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}`,
    clientId,
    clientSecret,
    requests,
    failNext: (n, status = 503) => {
      failures = { n, status }
    },
    withdraw: (id) => {
      offers = offers.filter((o) => idOf(o) !== id)
    },
    redeliver: (id) => {
      const o = offers.find((x) => idOf(x) === id)
      if (o !== undefined) offers.push(structuredClone(o))
    },
    publish: (...added) => {
      const ids = new Set(added.map(idOf))
      offers = [...offers.filter((o) => !ids.has(idOf(o))), ...added]
    },
    revokeTokens: () => tokens.clear(),
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections()
        server.close((e) => (e === undefined ? done() : fail(e)))
      }),
  }
}
