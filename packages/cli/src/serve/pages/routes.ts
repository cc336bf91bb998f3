import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { missionLocaleOf, type YouthId } from '@parcours/domain'
import { isLocale, translator, type MessageKey } from '../../i18n/index.js'
import { buildJourneyModel, journeyChoices, type JourneyModel } from '../../web/pages/journeyModel.js'
import { renderJourneyPage } from '../../web/pages/journeyPage.js'
import { buildWorklistModel } from '../../web/pages/worklistModel.js'
import { renderWorklistPage } from '../../web/pages/worklistPage.js'
import { parseDate } from '../../cli/parse.js'
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
import { invalidInput, ProblemError } from '../http/problem.js'
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

  // ---- counsellors' pages ----------------------------------------------------------------------
  const counsellors = pagesFor(['counsellor'])
  const journeyReaders = pagesFor(['counsellor', 'manager'])

  // A page's `at` (default today); a bad one is the reader's error, answered with the field's name.
  const atOf = (c: Context<ServeEnv>): string => {
    const at = c.req.query('at')
    if (at === undefined || at === '') return todayUtc()
    try {
      return parseDate(at)
    } catch (e) {
      throw invalidInput('at', `at: ${(e as Error).message}`)
    }
  }

  pages.get(pagePaths.worklist, counsellors, async (c) => {
    const asOf = atOf(c)
    await h.refresh()
    const model = await buildWorklistModel(h, signedIn(c), { asOf, at: todayUtc() })
    return c.html(renderWorklistPage(model, pageContext(c)))
  })

  // The journey, once the policy allowed it (a refusal names its rule on the page).
  const journeyModel = async (c: Context<ServeEnv>, youthId: YouthId): Promise<JourneyModel> => {
    const actor = signedIn(c)
    const journey = await journeyRefOf(h.env, youthId)
    allow(h, actor, { kind: 'read-journey', purpose: 'show', journey })
    if (journey.holder === null)
      throw new ProblemError({ status: 404, error: 'NotFound', message: `no journey ${youthId}` })
    await h.refresh()
    return buildJourneyModel(h, actor, youthId, { asOf: atOf(c) })
  }

  // The choices of a journey's forms, labelled in the reader's language.
  const choicesOf = (c: Context<ServeEnv>, m: JourneyModel) => {
    const tr = translator(pageContext(c).locale)
    return journeyChoices(m, {
      proposal: (p) => `${tr.t(`theme.${p.theme}` as MessageKey)} — ${p.offeredOn} (${p.proposalId})`,
      session: (x) => `${tr.t(`web.appointment.${x.kind}` as MessageKey)} — ${x.heldOn} (${x.sessionId})`,
    })
  }

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
    // A form choosing among the journey's proposals or sessions is drawn with them again.
    const choices =
      youthFromUrl !== undefined && (form === 'outcome' || form === 'attendance') && error.kind !== 'access'
        ? choicesOf(c, await journeyModel(c, youthFromUrl as YouthId))
        : undefined
    return drawForm(c, form, status === 503 ? 400 : status, {
      ...(youthFromUrl === undefined ? {} : { youthId: youthFromUrl }),
      ...(choices === undefined ? {} : { choices }),
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
      const model = await journeyModel(c, c.req.param('youthId') as YouthId)
      return drawForm(c, form, 200, {
        youthId: model.youthId,
        missionLocaleId: model.missionLocaleId,
        values: { commandId: freshCommandId(), on: todayUtc() },
        choices: choicesOf(c, model),
      })
    })
    pages.post(path, counsellors, (c) => postForm(c, form, c.req.param('youthId')))
  }

  // After /journeys/new and the forms: the journey itself.
  pages.get('/journeys/:youthId', journeyReaders, async (c) => {
    const model = await journeyModel(c, c.req.param('youthId') as YouthId)
    return c.html(renderJourneyPage(model, pageContext(c)))
  })

  return pages
}
