import { translator } from '../../i18n/index.js'
import { esc } from './html.js'
import { layout } from './layout.js'
import type { PageContext } from './pageContext.js'
import { pagePaths } from './pagePaths.js'

/** An error page: the status and what went wrong. */
export interface ErrorModel {
  readonly status: number
  readonly message: string
}

/** The page of a refused or failed request (403, 404, …). */
export const renderErrorPage = (model: ErrorModel, ctx: PageContext): string => {
  const tr = translator(ctx.locale)
  const message =
    model.status === 403
      ? tr.t('web.error.403', { message: model.message })
      : model.status === 404
        ? tr.t('web.error.404', { message: model.message })
        : tr.t('web.error.other', { message: model.message })
  return layout(ctx, {
    title: tr.t('web.error.title', { status: String(model.status) }),
    main: `<div class="alert" role="alert"><p>${esc(message)}</p></div><p><a href="${pagePaths.home}">${esc(tr.t('web.error.home'))}</a></p>`,
  })
}
