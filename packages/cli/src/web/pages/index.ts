export { appCss } from './appCss.js'
export { renderCommandForm, type FormError, type FormModel } from './commandForm.js'
export { renderErrorPage, type ErrorModel } from './errorPage.js'
export {
  choicesOf,
  formSpecs,
  type Choice,
  type FieldSpec,
  type FormName,
  type FormSpec,
  type JourneyChoices,
} from './formSpecs.js'
export { actorLabel, csrfInput, layout, type PageContent } from './layout.js'
export { renderLoginPage, type LoginError, type LoginModel } from './loginPage.js'
export type { PageContext } from './pageContext.js'
export { journeyForms, pagePaths, type JourneyForm } from './pagePaths.js'
