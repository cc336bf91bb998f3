import type { Translation } from '../message.js'

// ---------------------------------------------------------------------------------------------
// area: dates and times beyond what Intl writes by itself (month and day names come from Intl)
// ---------------------------------------------------------------------------------------------

/** Calendar texts in French. */
export const calendarFr = {
  'calendar.dateTime': '{date} à {time} (UTC)',
} as const

/** Calendar texts in English. */
export const calendarEn: Translation<typeof calendarFr> = {
  'calendar.dateTime': '{date} at {time} (UTC)',
}
