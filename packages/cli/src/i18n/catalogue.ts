import { calendarEn, calendarFr } from './areas/calendar.js'
import { codesEn, codesFr } from './areas/codes.js'
import { dashboardEn, dashboardFr } from './areas/dashboard.js'
import { eventsEn, eventsFr } from './areas/events.js'
import { reportEn, reportFr } from './areas/report.js'
import { rulesEn, rulesFr } from './areas/rules.js'
import { webEn, webFr } from './areas/web.js'
import type { Locale } from './locale.js'
import type { Area, Translation } from './message.js'

// ---------------------------------------------------------------------------------------------
// the catalogue: every area, in every language. French is the reference: its keys and
// placeholders type every lookup; each other language must have the same keys (a test checks
// the placeholders too). A new area is one file in `areas/` and one line in each object below.
// ---------------------------------------------------------------------------------------------

/** Every message in French: the reference of the catalogue. */
export const french = {
  ...calendarFr,
  ...codesFr,
  ...dashboardFr,
  ...eventsFr,
  ...reportFr,
  ...rulesFr,
  ...webFr,
} as const satisfies Area

/** The catalogue's keys. */
export type MessageKey = keyof typeof french

/** The messages of the reference language (their literal types give each key's parameters). */
export type Messages = typeof french

/** Every language's messages. */
export const catalogue: { readonly [L in Locale]: Translation<Messages> } = {
  fr: french,
  en: { ...calendarEn, ...codesEn, ...dashboardEn, ...eventsEn, ...reportEn, ...rulesEn, ...webEn },
}
