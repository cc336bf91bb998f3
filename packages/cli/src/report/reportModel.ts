// ---------------------------------------------------------------------------------------------
// model: what the steering report shows, in the terms the renderers need (no personal data:
// mission locales, months and counts only).
// ---------------------------------------------------------------------------------------------

/** One month of activity. */
export interface MonthActivity {
  readonly month: string
  readonly registrations: number
  readonly programmeEntries: number
  readonly situationEntries: number
  readonly exits: number
}

/** A labelled count. */
export interface Count {
  readonly label: string
  readonly count: number
}

/** The positive exit rate of a mission locale (null when nobody exited). */
export interface MissionLocaleRate {
  readonly missionLocaleId: string
  readonly exits: number
  readonly positiveExitRate: number | null
}

/** One step of the journey funnel. */
export interface FunnelStage {
  readonly stage: string
  readonly count: number
}

/** A table of indicators. */
export interface IndicatorTable {
  readonly title: string
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>
}

/** Everything the terminal dashboard and the HTML report show. */
export interface ReportData {
  readonly title: string
  readonly subtitle: string
  readonly months: ReadonlyArray<MonthActivity>
  readonly proposalsByTheme: ReadonlyArray<Count>
  readonly proposalsByOutcome: ReadonlyArray<Count>
  readonly positiveExitRates: ReadonlyArray<MissionLocaleRate>
  readonly funnel: ReadonlyArray<FunnelStage>
  readonly tables: ReadonlyArray<IndicatorTable>
}

/** Whether a table cell is a figure (a count, rate, delay or date), shown right-aligned. */
export const isFigure = (cell: string | number): boolean => typeof cell === 'number' || /^[\d–]/.test(cell)
