import type { AppointmentKind, SessionKind, Theme } from '../model/vocabulary.js'

// ---------------------------------------------------------------------------------------------
// model: how many hours of activity each fact of a CEJ counts (a policy, each default with its
// source). Minutes, whole numbers: no float ever adds up hours.
// ---------------------------------------------------------------------------------------------

/** What one kind of fact counts, and where that figure comes from. */
export interface HoursRule {
  readonly minutes: number
  readonly source: string
}

/** The hours table of the CEJ and its weekly target. */
export interface CejHoursPolicy {
  /** A kept appointment, by kind. */
  readonly appointment: { readonly [K in AppointmentKind]: HoursRule }
  /** A collective session carried out (attended), by kind. */
  readonly session: { readonly [K in SessionKind]: HoursRule }
  /** A proposal carried out, by theme. */
  readonly proposalCarriedOut: { readonly [K in Theme]: HoursRule }
  /** The weekly minimum of activity, in minutes (15 h). */
  readonly weeklyTargetMinutes: number
  /** From this weekday (0 Monday … 6 Sunday) a week whose planned hours cannot reach the target is an alert (2: Wednesday). */
  readonly earlyAlertFromWeekday: number
}

const app =
  'the companion app used by missions locales (docs/domain.md, "The CEJ as a contract of engagement")'
const rule = (minutes: number, source: string): HoursRule => ({ minutes, source })
const employmentAndTraining = rule(180, `${app}: 3 h for an activity of the employment or training theme`)
const otherTheme = rule(120, `${app}: 2 h for an activity of any other theme`)

/** The defaults. Immersions and trainings count the weekly hours they were declared with. */
export const defaultCejHoursPolicy: CejHoursPolicy = {
  appointment: {
    'individual-interview': rule(60, `${app}: 1 h per individual appointment`),
    'phone-or-video-call': rule(60, 'policy: counted as an individual appointment (1 h)'),
    workshop: rule(240, `${app}: 4 h per workshop`),
    'information-session': rule(180, `${app}: 3 h per information session`),
  },
  session: {
    workshop: rule(240, `${app}: 4 h per workshop`),
    'information-session': rule(180, `${app}: 3 h per information session`),
  },
  proposalCarriedOut: {
    employment: employmentAndTraining,
    training: employmentAndTraining,
    apprenticeship: rule(180, 'policy: apprenticeship is employment and training (3 h)'),
    immersion: otherTheme,
    internship: otherTheme,
    health: otherTheme,
    housing: otherTheme,
    citizenship: otherTheme,
    'culture-sport-leisure': otherTheme,
    'career-plan': otherTheme,
  },
  weeklyTargetMinutes: 15 * 60,
  earlyAlertFromWeekday: 2,
}
