// ---------------------------------------------------------------------------------------------
// model: a chart as data — labels already in the reader's language, values as numbers — so the
// static report and the web pages draw the same charts from the same functions
// ---------------------------------------------------------------------------------------------

/** How values read: counts (`1 234`) or shares of 1 (`35,3 %`). */
export type ValueKind = 'count' | 'share'

/** A category of a bar chart (a month, a theme, a mission locale). */
export interface BarCategory {
  readonly label: string
  /** A month not over yet: drawn hatched, with a note, never as a fall. */
  readonly partial?: boolean
  /** What the value rests on, shown after it (`12 sorties`). */
  readonly detail?: string
}

/** One series of values, one per category (null: nothing to measure). */
export interface BarSeries {
  readonly label: string
  readonly values: ReadonlyArray<number | null>
}

/** A target drawn across a bar chart. */
export interface ChartTarget {
  readonly value: number
  /** `Objectif : au moins 44,0 %`. */
  readonly label: string
}

/** Bars: vertical (months, grouped series) or horizontal (themes, mission locales). */
export interface BarChart {
  readonly kind: 'bars'
  readonly id: string
  readonly title: string
  readonly orientation: 'vertical' | 'horizontal'
  /** The heading of the categories' column in the table alternative. */
  readonly categoryHeader: string
  readonly categories: ReadonlyArray<BarCategory>
  readonly series: ReadonlyArray<BarSeries>
  readonly valueKind: ValueKind
  readonly target?: ChartTarget
  /** Sentences shown under the chart (what a partial month means, whether a target is met). */
  readonly notes: ReadonlyArray<string>
  /** Drawn across the page's width. */
  readonly wide?: boolean
}

/** Parts of a whole, with their shares. */
export interface DonutChart {
  readonly kind: 'donut'
  readonly id: string
  readonly title: string
  readonly categoryHeader: string
  readonly slices: ReadonlyArray<{ readonly label: string; readonly count: number }>
  readonly notes: ReadonlyArray<string>
}

/** Nested steps: each a subset of the one before, shown with its share of it. */
export interface FunnelChart {
  readonly kind: 'funnel'
  readonly id: string
  readonly title: string
  readonly categoryHeader: string
  readonly steps: ReadonlyArray<{ readonly label: string; readonly count: number }>
  readonly notes: ReadonlyArray<string>
}

/** A chart of the report or of a page. */
export type Chart = BarChart | DonutChart | FunnelChart
