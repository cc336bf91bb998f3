import type { HttpBindings } from '@hono/node-server'
import type { Actor } from '@parcours/domain'
import type { WebSession } from '../auth/sessions.js'

// ---------------------------------------------------------------------------------------------
// model: what every request of the web module carries once the authentication middleware ran
// ---------------------------------------------------------------------------------------------

/** How the actor of a request was authenticated. */
export type AuthenticatedBy = 'session' | 'proxy' | 'partner-token'

/** The request variables and bindings of the app (Hono's `Env`). */
export interface ServeEnv {
  Bindings: HttpBindings
  Variables: {
    /** Who the request acts for; undefined when nobody is authenticated. */
    actor: Actor | undefined
    authenticatedBy: AuthenticatedBy | undefined
    /** The cookie session, when the actor logged in through the login form or /api/session. */
    session: WebSession | undefined
    /** The token forms and cookie-authenticated calls must send back (undefined for a partner token). */
    csrfToken: string | undefined
    /** Whether cookies are set `Secure` (the request came over TLS, here or at a trusted proxy). */
    secure: boolean
    /** The client's address (the trusted proxy's, when there is one). */
    address: string
  }
}
