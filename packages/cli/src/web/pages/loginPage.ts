import { translator } from '../../i18n/index.js'
import { esc } from './html.js'
import { csrfInput, layout } from './layout.js'
import type { PageContext } from './pageContext.js'
import { pagePaths } from './pagePaths.js'

// ---------------------------------------------------------------------------------------------
// the login page: login and password, the reason a sign-in failed, the language switch
// ---------------------------------------------------------------------------------------------

/** Why the last sign-in did not go through. */
export type LoginError = 'invalid' | 'rate-limited' | 'session-expired'

/** What the login page shows: the login typed before, and why it failed. */
export interface LoginModel {
  readonly login?: string
  readonly error?: LoginError
}

/** The login page. */
export const renderLoginPage = (model: LoginModel, ctx: PageContext): string => {
  const tr = translator(ctx.locale)
  const error =
    model.error === undefined
      ? ''
      : `<div class="alert" role="alert" id="login-error"><p>${esc(tr.t(`web.login.error.${model.error}`))}</p></div>`
  const described = model.error === undefined ? '' : ' aria-describedby="login-error"'
  return layout(ctx, {
    title: tr.t('web.login.title'),
    lead: tr.t('web.login.intro'),
    main: `${error}<form class="login" method="post" action="${pagePaths.login}">
${csrfInput(ctx)}
<div class="field"><label for="login">${esc(tr.t('web.login.login'))}</label>
<input type="text" id="login" name="login" autocomplete="username" required value="${esc(model.login ?? '')}"${described}></div>
<div class="field"><label for="password">${esc(tr.t('web.login.password'))}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${described}></div>
<button type="submit" class="primary">${esc(tr.t('web.login.submit'))}</button>
</form>`,
  })
}
