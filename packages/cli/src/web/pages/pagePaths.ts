// ---------------------------------------------------------------------------------------------
// model: the URLs of the pages (the server routes them; the pages link to them)
// ---------------------------------------------------------------------------------------------

/** The journey forms, by the last segment of their URL. */
export const journeyForms = ['offer', 'appointment', 'attendance', 'outcome'] as const

/** A journey form. */
export type JourneyForm = (typeof journeyForms)[number]

/** Every page's path. */
export const pagePaths = {
  home: '/',
  login: '/login',
  logout: '/logout',
  locale: '/locale',
  appCss: '/assets/app.css',
  worklist: '/worklist',
  register: '/journeys/new',
  journey: (youthId: string): string => `/journeys/${encodeURIComponent(youthId)}`,
  journeyForm: (youthId: string, form: JourneyForm): string =>
    `/journeys/${encodeURIComponent(youthId)}/${form}`,
  dashboard: '/dashboard',
  dashboardCsv: '/dashboard.csv',
  targets: '/dashboard/targets',
} as const
