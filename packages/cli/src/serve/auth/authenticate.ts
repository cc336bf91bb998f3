import { createHmac } from 'node:crypto'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { actorRef, parseActorRef, type Actor } from '@parcours/domain'
import type { PartnerFeed } from '@parcours/projections'
import { problem } from '../http/problem.js'
import type { ServeEnv } from '../http/serveEnv.js'
import { sameToken, type Sessions } from './sessions.js'

// ---------------------------------------------------------------------------------------------
// who a request acts for: a cookie session, a partner app's bearer token, or — only when it is
// turned on and the request comes from the trusted proxy — the identity the proxy asserts; then
// CSRF: every state-changing request a browser could be tricked into sending carries the token
// ---------------------------------------------------------------------------------------------

/** The name of the session cookie. */
export const SESSION_COOKIE = 'parcours_session'

/** The form field and the header that carry the CSRF token. */
export const CSRF_FIELD = '_csrf'
/** The header API clients send the CSRF token in. */
export const CSRF_HEADER = 'X-CSRF-Token'

/** An identity asserted by a reverse proxy: the header it sets, and the addresses it connects from. */
export interface ProxyAuth {
  /** The header holding the actor, as `counsellor:ID@ML`, `manager:ID@ML` or `statistician:ID`. */
  readonly header: string
  /** The proxy's addresses; a request from anywhere else has the header ignored. */
  readonly trusted: ReadonlyArray<string>
}

/** What the authentication needs. */
export interface AuthenticateOptions {
  readonly sessions: Sessions
  readonly proxy?: ProxyAuth | undefined
  /** The feed whose partner tokens authenticate partner apps. */
  readonly feed?: PartnerFeed | undefined
  /** Signs the CSRF tokens of proxy-asserted actors. */
  readonly secret: Buffer
  readonly clock: () => number
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

// A proxy-asserted actor has no session of ours: its CSRF token is bound to it by the server's key.
const proxyCsrfToken = (secret: Buffer, actor: Actor): string =>
  createHmac('sha256', secret)
    .update(`csrf:${actorRef(actor)}`)
    .digest('base64url')

// The IPv4 address of an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`), so a configured address matches.
const plainAddress = (a: string): string => (a.startsWith('::ffff:') ? a.slice(7) : a)

// The host of an Origin header; an opaque origin (`null`, a sandboxed frame) has none.
const hostOf = (origin: string): string | undefined => {
  try {
    return new URL(origin).host
  } catch {
    return undefined
  }
}

/** The CSRF token a state-changing request sent: the header, or the form field. */
export const sentCsrfToken = async (c: Parameters<MiddlewareHandler<ServeEnv>>[0]): Promise<string> => {
  const header = c.req.header(CSRF_HEADER)
  if (header !== undefined) return header
  const type = c.req.header('Content-Type') ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data'))
    return ''
  const body = await c.req.parseBody()
  const field = body[CSRF_FIELD]
  return typeof field === 'string' ? field : ''
}

/** Sets the request's actor (or none), and refuses a cross-site or token-less state-changing request. */
export const authenticate =
  (o: AuthenticateOptions): MiddlewareHandler<ServeEnv> =>
  async (c, next) => {
    const address = plainAddress(c.env.incoming.socket.remoteAddress ?? '')
    const fromProxy = o.proxy !== undefined && o.proxy.trusted.map(plainAddress).includes(address)
    const secure =
      new URL(c.req.url).protocol === 'https:' || (fromProxy && c.req.header('X-Forwarded-Proto') === 'https')
    c.set('address', address)
    c.set('secure', secure)
    c.set('actor', undefined)
    c.set('authenticatedBy', undefined)
    c.set('session', undefined)
    c.set('csrfToken', undefined)
    const authorization = c.req.header('Authorization')
    const asserted = fromProxy && o.proxy !== undefined ? c.req.header(o.proxy.header) : undefined
    if (authorization !== undefined) {
      const token = /^Bearer (\S+)$/.exec(authorization)?.[1]
      const partner = token === undefined ? undefined : o.feed?.partnerOfToken(token)
      if (partner === undefined)
        return problem(c, {
          status: 401,
          error: 'InvalidToken',
          message: 'the bearer token is not a partner app’s token',
        })
      c.set('actor', partner.actor)
      c.set('authenticatedBy', 'partner-token')
    } else if (asserted !== undefined) {
      const actor = parseActorRef(asserted)
      if (isLeft(actor) || actor.right.kind === 'operator')
        return problem(c, {
          status: 401,
          error: 'InvalidProxyIdentity',
          message: `the proxy's ${o.proxy?.header ?? ''} header does not name a counsellor, manager or statistician`,
        })
      c.set('actor', actor.right)
      c.set('authenticatedBy', 'proxy')
      c.set('csrfToken', proxyCsrfToken(o.secret, actor.right))
    } else {
      const id = getCookie(c, SESSION_COOKIE)
      const session = id === undefined ? undefined : o.sessions.get(id, o.clock())
      if (session !== undefined) {
        c.set('actor', session.actor)
        c.set('authenticatedBy', 'session')
        c.set('session', session)
        c.set('csrfToken', session.csrfToken)
      }
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      // A browser says where a request comes from: another site's is refused whoever is logged in.
      const origin = c.req.header('Origin')
      if (origin !== undefined && hostOf(origin) !== c.req.header('Host'))
        return problem(c, {
          status: 403,
          error: 'CrossOriginRequest',
          message: `a request from ${origin} cannot change anything here`,
        })
      const expected = c.get('csrfToken')
      if (expected !== undefined && !sameToken(await sentCsrfToken(c), expected))
        return problem(c, {
          status: 403,
          error: 'CsrfTokenInvalid',
          message: `the CSRF token is missing or wrong: send the ${CSRF_FIELD} field of the page, or the ${CSRF_HEADER} header /api/session gave`,
        })
    }
    return next()
  }
