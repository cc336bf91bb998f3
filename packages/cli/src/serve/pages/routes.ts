import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { missionLocaleOf, type YouthId } from '@parcours/domain'
import { isLocale } from '../../i18n/index.js'
import {
  appCss,
  journeyForms,
  pagePaths,
  renderCommandForm,
  renderLoginPage,
  type FormName,
  type LoginError,
} from '../../web/pages/index.js'
import { SESSION_COOKIE } from '../auth/authenticate.js'
import { attemptLogin, type LoginDeps } from '../auth/login.js'
import { randomToken, sameToken } from '../auth/sessions.js'
import { journeyRefOf } from '../../store/access.js'
import { allow } from '../api/queries.js'
import type { ServeHandles } from '../handles.js'
import type { ServeEnv } from '../http/serveEnv.js'
import { runJourneyCommand } from '../journeyCommand.js'
import { commandInputOfForm, formErrorOf, formStatusOf, type FormValues } from './forms.js'
import {
  errorPage,
  freshCommandId,
  LOCALE_COOKIE,
  localPath,
  pageContext,
  pagesFor,
  signedIn,
  todayUtc,
} from './pageSupport.js'

// ---------------------------------------------------------------------------------------------
// the pages: plain HTML forms that work without JavaScript; a form posts to its own URL, runs
// on the API's command path, redirects on success (post/redirect/get), and is drawn again with
// the refusal in place when refused
// ---------------------------------------------------------------------------------------------

/** The cookie of the login form's CSRF token (there is no session yet to hold it). */
const LOGIN_CSRF_COOKIE = 'parcours_login_csrf'

/** What the page routes need. */
export interface PageDeps {
  readonly handles: ServeHandles
  readonly login: LoginDeps
}

// The posted form's text fields (a file field is not a form of ours: it is ignored).
const formValues = async (c: Context<ServeEnv>): Promise<FormValues> => {
  const body = await c.req.parseBody()
  return Object.fromEntries(Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])))
}

const homeOf = (kind: string | undefined): string =>
  kind === 'counsellor'
    ? pagePaths.worklist
    : kind === 'manager' || kind === 'statistician'
      ? pagePaths.dashboard
      : pagePaths.login

/** The pages, to mount at /. */
export const pageRoutes = (d: PageDeps) => {
  const h = d.handles
  const pages = new Hono<ServeEnv>()

  pages.get(pagePaths.appCss, (c) => c.body(appCss, 200, { 'Content-Type': 'text/css; charset=utf-8' }))

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

  // ---- counsellors' forms ----------------------------------------------------------------------
  const counsellors = pagesFor(['counsellor'])

  const drawForm = (
    c: Context<ServeEnv>,
    form: FormName,
    status: 200 | 400 | 403 | 409 | 422,
    model: Parameters<typeof renderCommandForm>[1],
  ) => c.html(renderCommandForm(form, model, pageContext(c)), status)

  const postForm = async (c: Context<ServeEnv>, form: FormName, youthFromUrl: string | undefined) => {
    const actor = signedIn(c)
    const values = await formValues(c)
    const { youthId, input } = commandInputOfForm(
      form,
      youthFromUrl === undefined ? values : { ...values, youthId: youthFromUrl },
    )
    const outcome = await runJourneyCommand(h, actor, youthId, {
      ...input,
      commandId: input.commandId || freshCommandId(),
    })
    if (outcome._tag === 'Handled') return c.redirect(pagePaths.journey(youthId), 303)
    const error = formErrorOf(outcome)
    if (error === undefined) return errorPage(c, 503, outcome.message)
    const status = formStatusOf(outcome)
    return drawForm(c, form, status === 503 ? 400 : status, {
      ...(youthFromUrl === undefined ? {} : { youthId: youthFromUrl }),
      missionLocaleId: values['missionLocaleId'] ?? missionLocaleOf(actor) ?? '',
      values: { ...values, commandId: input.commandId || freshCommandId() },
      error,
    })
  }

  pages.get(pagePaths.register, counsellors, (c) => {
    const actor = signedIn(c)
    return drawForm(c, 'register', 200, {
      missionLocaleId: missionLocaleOf(actor) ?? '',
      values: { commandId: freshCommandId(), on: todayUtc(), counsellorId: actor.id },
    })
  })
  pages.post(pagePaths.register, counsellors, (c) => postForm(c, 'register', undefined))

  for (const form of journeyForms) {
    const path = `/journeys/:youthId/${form}`
    pages.get(path, counsellors, async (c) => {
      const actor = signedIn(c)
      const youthId = c.req.param('youthId') as YouthId
      const journey = await journeyRefOf(h.env, youthId)
      try {
        allow(h, actor, { kind: 'read-journey', purpose: 'show', journey })
      } catch (e) {
        return errorPage(c, 403, (e as Error).message)
      }
      if (journey.holder === null) return errorPage(c, 404, `no journey ${youthId}`)
      return drawForm(c, form, 200, {
        youthId,
        missionLocaleId: journey.holder,
        values: { commandId: freshCommandId(), on: todayUtc() },
      })
    })
    pages.post(path, counsellors, (c) => postForm(c, form, c.req.param('youthId')))
  }

  return pages
}
