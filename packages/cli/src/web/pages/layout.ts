import type { Actor } from '@parcours/domain'
import { locales, translator, type Translator } from '../../i18n/index.js'
import { attrs, esc, href } from './html.js'
import type { PageContext } from './pageContext.js'
import { pagePaths } from './pagePaths.js'

// ---------------------------------------------------------------------------------------------
// the frame of every page: language, title, skip link, header with the actor and the language
// switch, the main navigation, one <main>, a footer. No inline script or style: the style sheet
// is a file (a strict Content-Security-Policy holds).
// ---------------------------------------------------------------------------------------------

/** What a page puts in the frame. */
export interface PageContent {
  /** The page's own title (its <h1> and the start of <title>). */
  readonly title: string
  /** The markup of <main>, after the <h1>. */
  readonly main: string
  /** A line under the <h1>. */
  readonly lead?: string
}

/** The actor in words: `Conseiller c-1 — ml-rouen`. */
export const actorLabel = (actor: Actor, tr: Translator): string => {
  switch (actor.kind) {
    case 'counsellor':
      return tr.t('web.actor.counsellor', { id: actor.id, missionLocale: actor.missionLocaleId })
    case 'manager':
      return tr.t('web.actor.manager', { id: actor.id, missionLocale: actor.missionLocaleId })
    case 'statistician':
      return tr.t('web.actor.statistician', { id: actor.id })
    default:
      return tr.t('web.actor.other', { id: actor.id })
  }
}

/** A hidden input carrying the session's CSRF token: every form has one. */
export const csrfInput = (ctx: PageContext): string =>
  `<input type="hidden" name="_csrf" value="${esc(ctx.csrfToken)}">`

const navItems = (actor: Actor | null, tr: Translator): ReadonlyArray<readonly [string, string]> => {
  switch (actor?.kind) {
    case 'counsellor':
      return [
        [pagePaths.worklist, tr.t('web.nav.worklist')],
        [pagePaths.register, tr.t('web.nav.newJourney')],
      ]
    case 'manager':
      return [
        [pagePaths.dashboard, tr.t('web.nav.dashboard')],
        [pagePaths.targets, tr.t('web.nav.targets')],
      ]
    case 'statistician':
      return [[pagePaths.dashboard, tr.t('web.nav.dashboard')]]
    default:
      return []
  }
}

const pathOf = (nav: string): string => nav.split('?')[0] ?? nav

const mainNav = (ctx: PageContext, tr: Translator): string => {
  const items = navItems(ctx.actor, tr)
  if (items.length === 0) return ''
  const here = pathOf(ctx.nav)
  const links = items
    .map(
      ([path, label]) =>
        `<li><a${attrs({ href: path, 'aria-current': here === path ? 'page' : undefined })}>${esc(label)}</a></li>`,
    )
    .join('')
  return `<nav class="main-nav" aria-label="${esc(tr.t('web.nav'))}"><ul>${links}</ul></nav>`
}

const languageSwitch = (ctx: PageContext, tr: Translator): string => {
  const links = locales
    .map((l) => {
      const label = tr.t(l === 'fr' ? 'web.lang.fr' : 'web.lang.en')
      return `<li><a${attrs({
        href: href(pagePaths.locale, { lang: l, back: ctx.nav }),
        lang: l,
        hreflang: l,
        'aria-current': l === ctx.locale ? 'true' : undefined,
      })}>${esc(label)}</a></li>`
    })
    .join('')
  return `<nav class="languages" aria-label="${esc(tr.t('web.language'))}"><ul>${links}</ul></nav>`
}

const account = (ctx: PageContext, tr: Translator): string =>
  ctx.actor === null
    ? ''
    : `<div class="account"><p>${esc(tr.t('web.signedInAs', { actor: actorLabel(ctx.actor, tr) }))}</p><form method="post" action="${pagePaths.logout}">${csrfInput(ctx)}<button type="submit" class="link-button">${esc(tr.t('web.logout'))}</button></form></div>`

/** A whole HTML document: the frame around a page's content. */
export const layout = (ctx: PageContext, content: PageContent): string => {
  const tr = translator(ctx.locale)
  return `<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(tr.t('web.pageTitle', { page: content.title }))}</title>
<link rel="stylesheet" href="${pagePaths.appCss}">
</head>
<body>
<a class="skip" href="#contenu">${esc(tr.t('report.skipLink'))}</a>
<header class="site">
<p class="brand"><a href="${pagePaths.home}">${esc(tr.t('web.appName'))}</a></p>
${account(ctx, tr)}
${languageSwitch(ctx, tr)}
</header>
${mainNav(ctx, tr)}
<main id="contenu" tabindex="-1">
<h1>${esc(content.title)}</h1>
${content.lead === undefined ? '' : `<p class="lead">${esc(content.lead)}</p>`}
${content.main}
</main>
<footer><p>${esc(tr.t('web.footer'))}</p></footer>
</body>
</html>
`
}
