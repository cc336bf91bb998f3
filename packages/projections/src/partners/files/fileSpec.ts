import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { PathReporter } from 'io-ts/lib/PathReporter.js'

// ---------------------------------------------------------------------------------------------
// model: an outbound file is CSV whose first line names its columns, with a description beside it
// (`<file>.description.json`) saying who receives it, what one row is and what each column holds.
// Its schema is an io-ts codec over the CSV cells built from the same columns, so what the file
// says it holds and what a test checks it holds cannot drift apart.
// ---------------------------------------------------------------------------------------------

/** One column: its name, what it holds, and the codec of its CSV cell. */
export interface FileColumn {
  readonly name: string
  readonly description: string
  readonly cell: t.Type<string, string, unknown>
}

/** An outbound file's kind. */
export interface FileSpec {
  /** Stable name, e.g. `dares-monthly-extract`. */
  readonly name: string
  readonly version: number
  readonly recipient: string
  /** What one row is. */
  readonly row: string
  readonly columns: ReadonlyArray<FileColumn>
  /** What the file never holds, in a sentence (for its reader and its auditor). */
  readonly excludes: string
}

const cell = (name: string, test: (s: string) => boolean) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && test(u),
    (u, c) => (typeof u === 'string' && test(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  )

/** Cells: a whole number, 0 or more. */
export const countCell = cell('Count', (s) => /^(0|[1-9]\d*)$/.test(s))
/** Cells: 0 or 1. */
export const flagCell = cell('Flag', (s) => s === '0' || s === '1')
/** Cells: a month, YYYY-MM. */
export const monthCell = cell('Month', (s) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s))
/** Cells: a date, YYYY-MM-DD. */
export const dateCell = cell('Date', (s) => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(s))
/** Cells: an id (no space, comma or quote). */
export const idCell = cell('Id', (s) => /^[^\s,"]{1,100}$/.test(s))
/** Cells: one of these values (the empty string included when listed). */
export const oneOfCell = (values: ReadonlyArray<string>) =>
  cell(`OneOf(${values.join('|')})`, (s) => values.includes(s))
/** Cells: amounts in integer cents, possibly negative, or empty. */
export const centsCell = cell('Cents', (s) => s === '' || /^-?(0|[1-9]\d*)$/.test(s))
/** Cells: free of commas, quotes and line breaks (lists are space-separated). */
export const plainCell = cell('Plain', (s) => /^[^,"\n]*$/.test(s))

/** The codec of one row (the cells by column name), exact: an unknown column is refused. */
export const rowCodec = (spec: FileSpec) =>
  t.exact(
    t.type(
      Object.fromEntries(spec.columns.map((c) => [c.name, c.cell])) as Record<string, t.Mixed>,
      `${spec.name} row`,
    ),
  )

/** The file's CSV: its header, then one line per row, cells in column order. */
export const renderCsv = (spec: FileSpec, rows: ReadonlyArray<Readonly<Record<string, string>>>): string =>
  [
    spec.columns.map((c) => c.name).join(','),
    ...rows.map((r) => spec.columns.map((c) => r[c.name] ?? '').join(',')),
  ]
    .join('\n')
    .concat('\n')

/** The description written beside the file. */
export const describeFile = (spec: FileSpec, about: Readonly<Record<string, string | number | null>>) => ({
  parcoursPartnerFile: spec.name,
  version: spec.version,
  recipient: spec.recipient,
  row: spec.row,
  ...about,
  format:
    'CSV, UTF-8, comma-separated, first line the column names; no cell holds a comma, a quote or a line break',
  excludes: spec.excludes,
  columns: spec.columns.map((c) => ({ name: c.name, type: c.cell.name, description: c.description })),
})

/** Why a file does not follow its schema: the line and the reasons. */
export interface FileSchemaViolation {
  readonly line: number
  readonly reasons: ReadonlyArray<string>
}

/** Reads a file back against its schema: its header, then every row through the row codec. */
export const checkFile = (
  spec: FileSpec,
  csv: string,
): Either<FileSchemaViolation, ReadonlyArray<Record<string, string>>> => {
  const lines = csv.split('\n')
  if (lines.at(-1) === '') lines.pop()
  const header = spec.columns.map((c) => c.name).join(',')
  if (lines[0] !== header) return left({ line: 1, reasons: [`header is not ${header}`] })
  const codec = rowCodec(spec)
  const rows: Array<Record<string, string>> = []
  for (let i = 1; i < lines.length; i++) {
    const cells = (lines[i] as string).split(',')
    if (cells.length !== spec.columns.length)
      return left({ line: i + 1, reasons: [`${cells.length} cells for ${spec.columns.length} columns`] })
    const decoded = codec.decode(Object.fromEntries(spec.columns.map((c, j) => [c.name, cells[j]])))
    if (isLeft(decoded)) return left({ line: i + 1, reasons: PathReporter.report(decoded) })
    rows.push(decoded.right)
  }
  return right(rows)
}
