import type { DashboardYouth } from './documents.js'

/** Distinct young people in contact, counted every way a dashboard needs, in one pass. */
export interface ContactCounts {
  /** By `missionLocaleId|month`. */
  readonly perCell: ReadonlyMap<string, number>
  /** By month, across the selected mission locales. */
  readonly perMonth: ReadonlyMap<string, number>
  /** By mission locale, over the whole range. */
  readonly perMissionLocale: ReadonlyMap<string, number>
  /** Over the whole range and every selected mission locale. */
  readonly total: number
}

const increment = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1)

/** Counts the contacts of the young people in the selected mission locales and months. */
export const contactCounts = (
  youths: ReadonlyArray<DashboardYouth>,
  selected: (missionLocaleId: string) => boolean,
  months: ReadonlySet<string>,
): ContactCounts => {
  const perCell = new Map<string, number>()
  const perMonth = new Map<string, number>()
  const perMissionLocale = new Map<string, number>()
  let total = 0
  for (const y of youths) {
    const monthsSeen = new Set<string>()
    const localesSeen = new Set<string>()
    for (const contact of y.contactMonths) {
      const [ml = '', month = ''] = contact.split('|')
      if (!selected(ml) || !months.has(month)) continue
      increment(perCell, contact)
      if (!monthsSeen.has(month)) (monthsSeen.add(month), increment(perMonth, month))
      if (!localesSeen.has(ml)) (localesSeen.add(ml), increment(perMissionLocale, ml))
    }
    if (monthsSeen.size > 0) total++
  }
  return { perCell, perMonth, perMissionLocale, total }
}
