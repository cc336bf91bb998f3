import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { apiRoutes } from './api/routes.js'
import type { Accounts } from './auth/accounts.js'
import { authenticate, type ProxyAuth } from './auth/authenticate.js'
import type { LoginDeps } from './auth/login.js'
import { failureCounter, type RateLimit } from './auth/rateLimit.js'
import { memorySessions, type Sessions } from './auth/sessions.js'
import type { ServeHandles } from './handles.js'
import { problemOf } from './http/errors.js'
import { problem } from './http/problem.js'
import { securityHeaders } from './http/securityHeaders.js'
import type { ServeEnv } from './http/serveEnv.js'
import { errorPage } from './pages/pageSupport.js'
import { pageRoutes } from './pages/routes.js'
import { memoryTargets, type TargetsStore } from './targetsStore.js'

// ---------------------------------------------------------------------------------------------
// the web module's app: security headers, authentication and CSRF, the API, the pages
// ---------------------------------------------------------------------------------------------

/** The login limits: 5 failures per login and 20 per address, each in 15 minutes. */
export const defaultLoginLimits = {
  perLogin: { max: 5, windowMs: 15 * 60_000 },
  perAddress: { max: 20, windowMs: 15 * 60_000 },
} as const satisfies Record<string, RateLimit>

/** The largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024

/** How the app is put together. */
export interface ServeAppOptions {
  readonly handles: ServeHandles
  /** The local accounts; undefined when identities only come from the proxy. */
  readonly accounts: Accounts | undefined
  /** Identities asserted by a trusted reverse proxy (off when undefined). */
  readonly proxy?: ProxyAuth | undefined
  readonly sessions?: Sessions
  readonly clock?: () => number
  readonly loginLimits?: { readonly perLogin: RateLimit; readonly perAddress: RateLimit }
  /** The managers' targets (default: in memory). */
  readonly targets?: TargetsStore
}

/** The app and what it holds (the login's deps, for tests and the server). */
export const createServeApp = (o: ServeAppOptions) => {
  const clock = o.clock ?? Date.now
  const sessions = o.sessions ?? memorySessions()
  const limits = o.loginLimits ?? defaultLoginLimits
  const login: LoginDeps = {
    accounts: o.accounts,
    sessions,
    perLogin: failureCounter(limits.perLogin),
    perAddress: failureCounter(limits.perAddress),
    clock,
  }
  const app = new Hono<ServeEnv>()
  app.use(...securityHeaders)
  // A form or a command is a few kilobytes: a larger body is refused before it is read.
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        problem(c, {
          status: 413,
          error: 'BodyTooLarge',
          message: `a request body is ${MAX_BODY_BYTES} bytes at most`,
        }),
    }),
  )
  app.use(authenticate({ sessions, proxy: o.proxy, feed: o.handles.feed, secret: randomBytes(32), clock }))
  // The API answers a Problem; a page, an error page saying the same.
  const isApi = (path: string) => path === '/api' || path.startsWith('/api/')
  app.onError((e, c) => {
    const p = problemOf(e, o.handles.env.logger)
    return isApi(c.req.path) ? problem(c, p) : errorPage(c, p.status, p.message)
  })
  app.notFound((c) => {
    const message = `nothing at ${c.req.path}`
    return isApi(c.req.path)
      ? problem(c, { status: 404, error: 'NotFound', message })
      : errorPage(c, 404, message)
  })
  app.route('/api', apiRoutes({ handles: o.handles, login }))
  app.route('/', pageRoutes({ handles: o.handles, login, targets: o.targets ?? memoryTargets() }))
  return app
}
