import type { Dashboard, DashboardFigures } from '@parcours/projections'

// ---------------------------------------------------------------------------------------------
// the dashboard as CSV: one row per scope (national or mission locale) and month, counts only
// ---------------------------------------------------------------------------------------------

/** The columns of the CSV report, in order (its first line names them). */
export const CSV_HEADER = [
  'scope',
  'month',
  'first_receptions',
  'in_contact',
  'accompanied',
  'pacea_entries',
  'cej_entries',
  'proposals',
  'proposals_carried_out',
  'training_entries',
  'durable_employment_entries',
  'other_employment_entries',
  'immersion_entries',
  'exits',
  'positive_exits',
  'positive_exit_rate',
  'follow_ups_kept',
  'follow_ups_missed',
  'follow_ups_overdue',
  'follow_ups_unspecified',
  'individual_interviews',
  'pacea_stock',
  'cej_stock',
  'proposals_from_job_offers',
  'proposals_from_training_sessions',
]

/** How a CSV file is written: its separator, a UTF-8 byte order mark, the decimal sign. */
export interface CsvFormat {
  readonly separator: ',' | ';' | '\t'
  /** A byte order mark first, so a spreadsheet reads the file as UTF-8. */
  readonly bom: boolean
  /** A comma for decimals (`0,4375`), as a French spreadsheet reads numbers. */
  readonly decimalComma: boolean
}

/** The default: comma-separated, no byte order mark, decimal point. */
export const plainCsv: CsvFormat = { separator: ',', bom: false, decimalComma: false }

/** For a spreadsheet in French (Excel, LibreOffice): `;`, a byte order mark, decimal comma. */
export const excelFrCsv: CsvFormat = { separator: ';', bom: true, decimalComma: true }

/** The separators `--csv-sep` accepts, by how they are written on the command line. */
export const csvSeparators: Readonly<Record<string, CsvFormat['separator']>> = {
  ',': ',',
  ';': ';',
  tab: '\t',
  '\\t': '\t',
}

// Files written before the partner columns end at the CEJ stock: they are Parcours files too.
const headersWritten = [CSV_HEADER, CSV_HEADER.slice(0, CSV_HEADER.indexOf('proposals_from_job_offers'))]

/** Whether a file's first characters are a dashboard CSV's header, in any format Parcours writes. */
export const isDashboardCsvStart = (start: string): boolean => {
  const text = start.startsWith('\uFEFF') ? start.slice(1) : start
  return [',', ';', '\t'].some((sep) =>
    headersWritten.some((header) => text.startsWith(`${header.join(sep)}\n`)),
  )
}

const row = (scope: string, month: string, f: DashboardFigures): ReadonlyArray<string | number> => [
  scope,
  month,
  f.firstReceptions,
  f.inContact,
  f.accompanied,
  f.programmeEntries.PACEA,
  f.programmeEntries.CEJ,
  Object.values(f.proposalsByTheme).reduce((a, b) => a + b, 0),
  f.proposalsByOutcome['carried-out'],
  f.trainingEntries,
  f.employmentEntries.durable,
  f.employmentEntries.other,
  f.immersionEntries,
  f.exits,
  f.positiveExits,
  f.positiveExitRate === null ? '' : Number(f.positiveExitRate.toFixed(4)),
  f.followUps.kept,
  f.followUps.missed,
  f.followUps.overdue,
  f.followUps.unspecified,
  f.interviews,
  f.programmeStock.PACEA,
  f.programmeStock.CEJ,
  f.proposalsFromPartners.jobOffers,
  f.proposalsFromPartners.trainingSessions,
]

// Ids are tokens without spaces, but a field is still quoted if it could break a row, and one a
// spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.
const field =
  (format: CsvFormat) =>
  (v: string | number): string => {
    if (typeof v === 'number') return format.decimalComma ? String(v).replace('.', ',') : String(v)
    const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
    return text.includes(format.separator) || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }

/** The dashboard as CSV (pseudonymous ids and counts only; months, then the whole period as `total`). */
export const dashboardCsv = (d: Dashboard, format: CsvFormat = plainCsv): string => {
  const national = d.missionLocaleId ?? 'national'
  const rows = [
    ...d.months.map((m) => row(national, m.month, m)),
    row(national, 'total', d.totals),
    ...(d.missionLocaleId === null
      ? d.missionLocales.flatMap((ml) => [
          ...ml.months.map((m) => row(ml.missionLocaleId, m.month, m)),
          row(ml.missionLocaleId, 'total', ml.totals),
        ])
      : []),
  ]
  const body = [CSV_HEADER, ...rows].map((r) => r.map(field(format)).join(format.separator)).join('\n') + '\n'
  return format.bom ? `\uFEFF${body}` : body
}
