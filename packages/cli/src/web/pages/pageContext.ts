import type { Actor } from '@parcours/domain'
import type { Locale } from '../../i18n/index.js'

// ---------------------------------------------------------------------------------------------
// model: what every page is rendered with, besides its own model
// ---------------------------------------------------------------------------------------------

/** Who is reading, in which language, the CSRF token of their session, and the current path. */
export interface PageContext {
  readonly locale: Locale
  /** Put in a hidden `_csrf` input of every form. */
  readonly csrfToken: string
  /** The signed-in actor; null on the login page. */
  readonly actor: Actor | null
  /** The current path (with its query), for the navigation's current page and the language switch. */
  readonly nav: string
}
