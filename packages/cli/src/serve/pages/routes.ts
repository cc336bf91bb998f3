import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { isLocale } from '../../i18n/index.js'
import { appCss, pagePaths, renderLoginPage, type LoginError } from '../../web/pages/index.js'
import { SESSION_COOKIE } from '../auth/authenticate.js'
import { attemptLogin, type LoginDeps } from '../auth/login.js'
import { randomToken, sameToken } from '../auth/sessions.js'
import type { ServeHandles } from '../handles.js'
import type { ServeEnv } from '../http/serveEnv.js'
import type { TargetsStore } from '../targetsStore.js'
import { counsellorPages } from './counsellorPages.js'
import { errorPage, formValues, LOCALE_COOKIE, localPath, pageContext } from './pageSupport.js'
import { steeringPages } from './steeringPages.js'

// ---------------------------------------------------------------------------------------------
// the pages: signing in and out, the language, the stylesheet; the counsellors' pages and the
// steering pages are in files of their own
// ---------------------------------------------------------------------------------------------

/** The cookie of the login form's CSRF token (there is no session yet to hold it). */
const LOGIN_CSRF_COOKIE = 'parcours_login_csrf'

/** What the page routes need. */
export interface PageDeps {
  readonly handles: ServeHandles
  readonly login: LoginDeps
  readonly targets: TargetsStore
}

const homeOf = (kind: string | undefined): string =>
  kind === 'counsellor'
    ? pagePaths.worklist
    : kind === 'manager' || kind === 'statistician'
      ? pagePaths.dashboard
      : pagePaths.login

/** The pages, to mount at /. */
export const pageRoutes = (d: PageDeps) => {
  const pages = new Hono<ServeEnv>()

  pages.get(pagePaths.appCss, (c) => c.body(appCss, 200, { 'Content-Type': 'text/css; charset=utf-8' }))
  // Browsers ask for it on their own: no icon, and no error in their console.
  pages.get('/favicon.ico', (c) => c.body(null, 204))

  pages.get(pagePaths.home, (c) => c.redirect(homeOf(c.get('actor')?.kind), 303))

  pages.get(pagePaths.locale, (c) => {
    const lang = c.req.query('lang') ?? ''
    if (isLocale(lang))
      setCookie(c, LOCALE_COOKIE, lang, {
        sameSite: 'Strict',
        path: '/',
        secure: c.get('secure'),
        maxAge: 31_536_000,
      })
    return c.redirect(localPath(c.req.query('back'), pagePaths.home), 303)
  })

  // The login form carries a token of its own, in a cookie and the form: another site cannot post it.
  const loginPage = (
    c: Context<ServeEnv>,
    status: 200 | 401 | 429,
    model: { login?: string; error?: LoginError },
  ) => {
    const token = randomToken()
    setCookie(c, LOGIN_CSRF_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: pagePaths.login,
      secure: c.get('secure'),
    })
    return c.html(renderLoginPage(model, { ...pageContext(c, token), actor: null }), status)
  }

  pages.get(pagePaths.login, (c) => {
    if (c.get('actor') !== undefined) return c.redirect(homeOf(c.get('actor')?.kind), 303)
    return loginPage(c, 200, c.req.query('expired') === undefined ? {} : { error: 'session-expired' })
  })

  pages.post(pagePaths.login, async (c) => {
    const v = await formValues(c)
    const expected = getCookie(c, LOGIN_CSRF_COOKIE)
    if (expected === undefined || !sameToken(v['_csrf'] ?? '', expected))
      return errorPage(
        c,
        403,
        'the sign-in form has expired or comes from another site: reload the sign-in page',
      )
    const login = v['login'] ?? ''
    const outcome = await attemptLogin(d.login, login, v['password'] ?? '', c.get('address'))
    if (outcome._tag === 'TooManyAttempts') {
      c.header('Retry-After', String(outcome.retryAfterSeconds))
      return loginPage(c, 429, { login, error: 'rate-limited' })
    }
    if (outcome._tag !== 'LoggedIn') return loginPage(c, 401, { login, error: 'invalid' })
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: pagePaths.login })
    setCookie(c, SESSION_COOKIE, outcome.session.id, {
      httpOnly: true,
      secure: c.get('secure'),
      sameSite: 'Strict',
      path: '/',
    })
    return c.redirect(homeOf(outcome.session.actor.kind), 303)
  })

  pages.post(pagePaths.logout, (c) => {
    const s = c.get('session')
    if (s !== undefined) d.login.sessions.end(s.id)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.redirect(pagePaths.login, 303)
  })

  pages.route('/', counsellorPages(d.handles))
  pages.route('/', steeringPages(d.handles, d.targets))
  return pages
}
