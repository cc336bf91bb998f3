export { appCss } from './appCss.js'
export { renderCommandForm, type FormError, type FormModel } from './commandForm.js'
export {
  buildDashboardCsv,
  buildDashboardModel,
  type DashboardModel,
  type DashboardRequest,
} from './dashboardModel.js'
export { renderDashboardPage } from './dashboardPage.js'
export { buildFormModel, journeyChoicesOf, type FormRequest } from './formModel.js'
export { renderErrorPage, type ErrorModel } from './errorPage.js'
export {
  choicesOf,
  formSpecs,
  type Choice,
  type ChoiceSource,
  type FieldKind,
  type FieldSpec,
  type FormName,
  type FormSpec,
  type JourneyChoices,
  type OpenProposal,
  type OpenSession,
} from './formSpecs.js'
export { buildJourneyModel, type CejContractModel, type JourneyModel } from './journeyModel.js'
export { renderJourneyPage } from './journeyPage.js'
export { actorLabel, csrfInput, layout, type PageContent } from './layout.js'
export { renderLoginPage, type LoginError, type LoginModel } from './loginPage.js'
export type { PageContext } from './pageContext.js'
export { journeyForms, pagePaths, type JourneyForm } from './pagePaths.js'
export { renderTargetsPage, targetsFormValues, targetsFromForm, type TargetsModel } from './targetsPage.js'
export {
  buildWorklistModel,
  worklistSections,
  type Cell,
  type PageHandles,
  type WorklistModel,
  type WorklistSection,
} from './worklistModel.js'
export { renderWorklistPage } from './worklistPage.js'
