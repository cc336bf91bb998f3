import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import type { PartnerFeed, PartnerFeedError } from './partnerFeed.js'

// ---------------------------------------------------------------------------------------------
// the feed over HTTP (node:http), what a partner app polls:
//   GET  /feed?after=N&limit=L   → 200 { notices, last, head, cursor }
//   POST /feed/ack { position }  → 200 { partnerId, previous, cursor, head }
// Each request names its partner with `Authorization: Bearer <token>`. A page never moves the
// cursor; only an acknowledgement does, so a partner that fails before it acknowledges is
// given the same notices again.
// ---------------------------------------------------------------------------------------------

/** The most notices one page gives. */
export const MAX_FEED_LIMIT = 1000
const DEFAULT_LIMIT = 100
const MAX_BODY = 4096

/** A running feed server. */
export interface FeedServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly port: number
  /** Stops accepting requests and resolves once the open ones are answered. */
  readonly close: () => Promise<void>
}

/** Where to listen: 127.0.0.1 and a free port unless told. */
export interface FeedServerOptions {
  readonly feed: PartnerFeed
  readonly host?: string
  readonly port?: number
  readonly logger?: Logger
}

const send = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

const refuse = (res: ServerResponse, status: number, error: string, message: string) =>
  send(res, status, { error, message })

const statusOf = (e: PartnerFeedError): number =>
  e._tag === 'UnknownPartner' ? 401 : e._tag === 'InvalidPosition' ? 400 : 503

const readBody = (req: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_BODY) chunks.push(c)
    })
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

/** A non-negative integer query parameter, its default when absent, or undefined when malformed. */
const intParam = (value: string | null, fallback: number | undefined): number | undefined | 'bad' => {
  if (value === null) return fallback
  return /^\d{1,15}$/.test(value) ? Number(value) : 'bad'
}

/** Starts the feed server (127.0.0.1, port 0 = a free one, unless told). */
export const startFeedServer = async (options: FeedServerOptions): Promise<FeedServer> => {
  const { feed } = options
  const log = options.logger?.child({ module: 'feedServer' })
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://feed.invalid')
    const auth = req.headers.authorization ?? ''
    const partner = auth.startsWith('Bearer ') ? feed.partnerOfToken(auth.slice(7)) : undefined
    if (url.pathname !== '/feed' && url.pathname !== '/feed/ack')
      return refuse(res, 404, 'NotFound', `no ${url.pathname}: GET /feed or POST /feed/ack`)
    if (partner === undefined)
      return refuse(res, 401, 'Unauthorized', 'a partner token is required (Authorization: Bearer …)')
    const partnerId = partner.actor.id
    if (url.pathname === '/feed') {
      if (req.method !== 'GET') return refuse(res, 405, 'MethodNotAllowed', 'GET /feed')
      const after = intParam(url.searchParams.get('after'), undefined)
      const limit = intParam(url.searchParams.get('limit'), DEFAULT_LIMIT)
      if (after === 'bad') return refuse(res, 400, 'BadRequest', 'after: a position, 0 or more')
      if (limit === 'bad' || limit === undefined || limit < 1 || limit > MAX_FEED_LIMIT)
        return refuse(res, 400, 'BadRequest', `limit: 1 to ${MAX_FEED_LIMIT}`)
      const page = await feed.page(partnerId, after === undefined ? { limit } : { after, limit })()
      if (isLeft(page)) return refuse(res, statusOf(page.left), page.left._tag, page.left.message)
      log?.debug(
        { partner: partnerId, after, notices: page.right.notices.length, last: page.right.last },
        'feed page',
      )
      return send(res, 200, page.right)
    }
    if (req.method !== 'POST') return refuse(res, 405, 'MethodNotAllowed', 'POST /feed/ack')
    const body = await readBody(req)
    let position: unknown
    try {
      position = body === undefined ? undefined : (JSON.parse(body) as { position?: unknown }).position
    } catch {
      position = undefined
    }
    if (typeof position !== 'number' || !Number.isSafeInteger(position))
      return refuse(res, 400, 'BadRequest', 'expected a JSON body { "position": N }')
    const acked = await feed.ack(partnerId, position)()
    if (isLeft(acked)) return refuse(res, statusOf(acked.left), acked.left._tag, acked.left.message)
    log?.info(
      { partner: partnerId, previous: acked.right.previous, cursor: acked.right.cursor },
      'feed acknowledged',
    )
    return send(res, 200, acked.right)
  }
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log?.error({ err: e }, 'feed request failed')
      if (!res.headersSent) refuse(res, 500, 'InternalError', 'the feed could not answer')
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port, address } = server.address() as AddressInfo
  return {
    url: `http://${address}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e === undefined ? resolve() : reject(e)))
        server.closeIdleConnections()
      }),
  }
}
