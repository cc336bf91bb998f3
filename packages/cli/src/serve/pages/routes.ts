import { Hono } from 'hono'
import type { LoginDeps } from '../auth/login.js'
import type { ServeHandles } from '../handles.js'
import type { ServeEnv } from '../http/serveEnv.js'

/** What the page routes need. */
export interface PageDeps {
  readonly handles: ServeHandles
  readonly login: LoginDeps
}

/** The pages (HTML, plain forms that work without JavaScript). */
export const pageRoutes = (_d: PageDeps) => new Hono<ServeEnv>()
