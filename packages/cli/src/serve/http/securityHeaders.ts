import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { ServeEnv } from './serveEnv.js'

// ---------------------------------------------------------------------------------------------
// the headers every answer carries: a strict Content-Security-Policy (everything from this
// server, no inline script or style, no framing), no MIME sniffing, no referrer sent elsewhere,
// nothing cached (pages and answers hold personal data)
// ---------------------------------------------------------------------------------------------

const strict = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'same-origin',
  crossOriginResourcePolicy: 'same-origin',
  crossOriginOpenerPolicy: 'same-origin',
  // Strict-Transport-Security only means something over TLS: it is added below when secure.
  strictTransportSecurity: false,
})

/** The security headers of every answer (HSTS too when the request came over TLS). */
export const securityHeaders: ReadonlyArray<MiddlewareHandler<ServeEnv>> = [
  strict,
  async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
    if (c.get('secure')) c.header('Strict-Transport-Security', 'max-age=31536000')
  },
]
