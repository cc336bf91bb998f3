import type { Locale } from '../i18n/index.js'
import type { Chart } from './charts/index.js'
import type { TargetIndicator, TargetStatus } from './targets.js'

// ---------------------------------------------------------------------------------------------
// model: what the steering report shows, in the reader's language (no personal data: mission
// locales, months and counts only)
// ---------------------------------------------------------------------------------------------

/** A table of indicators. */
export interface IndicatorTable {
  readonly title: string
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>
}

/** A key indicator: its value, the previous period's, and where it stands against its target. */
export interface KeyIndicator {
  readonly id: TargetIndicator
  readonly label: string
  readonly value: string
  /** `Période précédente (janvier 2025 à juin 2025) : 35,0 %`, or null without one. */
  readonly previous: string | null
  /** `+5,3 pts`, `−12`, or null without a previous period. */
  readonly change: string | null
  /** `au moins 44,0 %`, or null when no target is set. */
  readonly target: string | null
  readonly status: TargetStatus | null
  /** The status in words: `Objectif atteint (47,2 % pour au moins 44,0 %).` */
  readonly verdict: string | null
  /** What to keep in mind when reading it (a cohort still open), or null. */
  readonly note: string | null
}

/** Where the figures come from: the kind of store and a neutral name (never a local path). */
export type ReportSource =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly name: string }
  | { readonly kind: 'esdb'; readonly name: string }
  | { readonly kind: 'simulation'; readonly youths: number; readonly missions: number; readonly seed: number }

/** Everything the HTML report shows. */
export interface ReportData {
  readonly lang: Locale
  readonly title: string
  /** Period, source and generation date, one sentence each. */
  readonly about: ReadonlyArray<string>
  /** What the reader must know before reading the figures (a partial month, unreadable journeys). */
  readonly notes: ReadonlyArray<string>
  readonly keyIndicators: ReadonlyArray<KeyIndicator>
  readonly charts: ReadonlyArray<Chart>
  readonly tables: ReadonlyArray<IndicatorTable>
  /** One table by month per mission locale (a national report of several). */
  readonly drillDown: ReadonlyArray<IndicatorTable>
}

/** Whether a table cell is a figure (a count, rate, delay or date), shown right-aligned. */
export const isFigure = (cell: string | number): boolean => typeof cell === 'number' || /^[\d–+−-]/.test(cell)
