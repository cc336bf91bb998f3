import { randomUUID } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Actor } from '@parcours/domain'
import { parseDate } from '../../cli/parse.js'
import { defaultLocale, isLocale, type Locale } from '../../i18n/index.js'
import { renderErrorPage, type PageContext } from '../../web/pages/index.js'
import { SESSION_COOKIE } from '../auth/authenticate.js'
import { invalidInput } from '../http/problem.js'
import type { ServeEnv } from '../http/serveEnv.js'

// ---------------------------------------------------------------------------------------------
// utils of the page routes: the reader's language, the page context, the guards
// ---------------------------------------------------------------------------------------------

/** The cookie holding the reader's language (French when absent). */
export const LOCALE_COOKIE = 'parcours_lang'

/** The reader's language: the cookie's, else French. */
export const localeOf = (c: Context<ServeEnv>): Locale => {
  const l = getCookie(c, LOCALE_COOKIE)
  return l !== undefined && isLocale(l) ? l : defaultLocale
}

/** The context a page renders with. */
export const pageContext = (c: Context<ServeEnv>, csrfToken?: string): PageContext => {
  const url = new URL(c.req.url)
  return {
    locale: localeOf(c),
    csrfToken: csrfToken ?? c.get('csrfToken') ?? '',
    actor: c.get('actor') ?? null,
    nav: `${url.pathname}${url.search}`,
  }
}

/** A path of this site to go back to (never another site's: no `//host`, no scheme). */
export const localPath = (back: string | undefined, fallback: string): string =>
  back !== undefined && back.startsWith('/') && !back.startsWith('//') && !back.includes('\\')
    ? back
    : fallback

/** The posted form's text fields (a file field is not a form of ours: it is ignored). */
export const formValues = async (c: Context<ServeEnv>): Promise<Readonly<Record<string, string>>> => {
  const body = await c.req.parseBody()
  return Object.fromEntries(Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])))
}

/** A page's `at` (default today); a bad one is the reader's error, answered naming the field. */
export const atOf = (c: Context<ServeEnv>): string => {
  const at = c.req.query('at')
  if (at === undefined || at === '') return todayUtc()
  try {
    return parseDate(at)
  } catch (e) {
    throw invalidInput('at', `at: ${(e as Error).message}`)
  }
}

/** A fresh command id for a blank form (a re-sent form keeps the one it was drawn with). */
export const freshCommandId = (): string => `web-${randomUUID()}`

/** Today in UTC. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10)

/** An error page answering `status` (the problem's, for one a query threw). */
export const errorPage = (c: Context<ServeEnv>, status: number, message: string) =>
  c.html(renderErrorPage({ status, message }, pageContext(c)), status as 400)

/** Lets through the actors the pages are for; sends nobody to the login page, anyone else a 403 page. */
export const pagesFor =
  (kinds: ReadonlyArray<Actor['kind']>): MiddlewareHandler<ServeEnv> =>
  async (c, next) => {
    const actor = c.get('actor')
    if (actor === undefined) {
      const expired = getCookie(c, SESSION_COOKIE) !== undefined
      return c.redirect(`/login${expired ? '?expired=1' : ''}`, 303)
    }
    if (!kinds.includes(actor.kind))
      return errorPage(c, 403, `these pages are for ${kinds.join(', ')}; ${actor.kind}s use the API`)
    return next()
  }

/** The actor of a page behind `pagesFor`. */
export const signedIn = (c: Context<ServeEnv>): Actor => {
  const actor = c.get('actor')
  if (actor === undefined) throw new Error('pagesFor lets no one through without an actor')
  return actor
}
