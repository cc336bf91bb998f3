import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { aspStatementSpec, daresExtractSpec, franceTravailNoticeSpec } from '@parcours/projections'
import { STATEMENT_CSV_HEADER } from '../cej/statementCsv.js'
import { isDashboardCsvStart } from '../report/csv.js'
import { HTML_REPORT_MARK } from '../report/renderHtml.js'
import { infrastructureError, usageError } from './errors.js'

// ---------------------------------------------------------------------------------------------
// report files that do no harm: a file is replaced only when it is a previous Parcours report
// (or with --force), and only when it is a regular file; the path written is the resolved one
// ---------------------------------------------------------------------------------------------

/** The formats of a report file. */
export type ReportFormat =
  | 'html'
  | 'csv'
  | 'json'
  | 'statement'
  | 'subject-access'
  | 'dares'
  | 'asp'
  | 'france-travail'
  | 'partner-description'

/** How messages name each format. */
const FORMAT_NAMES: Readonly<Record<ReportFormat, string>> = {
  html: 'HTML report',
  csv: 'CSV report',
  json: 'JSON report',
  statement: 'STATEMENT report',
  'subject-access': 'subject access export',
  dares: 'DARES extract',
  asp: 'ASP statement',
  'france-travail': 'France Travail notice',
  'partner-description': 'partner file description',
}

/** The first line of each outbound partner file, as Parcours writes it. */
const PARTNER_FILE_HEADERS: Readonly<Record<'dares' | 'asp' | 'france-travail', string>> = {
  dares: daresExtractSpec.columns.map((c) => c.name).join(','),
  asp: aspStatementSpec.columns.map((c) => c.name).join(','),
  'france-travail': franceTravailNoticeSpec.columns.map((c) => c.name).join(','),
}

/** How the description beside an outbound partner file starts. */
export const PARTNER_DESCRIPTION_MARK = '{\n  "parcoursPartnerFile": '

/** How a subject access export starts, as Parcours writes it. */
export const SUBJECT_ACCESS_MARK = '{\n  "parcoursSubjectAccess": '

/** Where a report goes: the path as given, and the file it resolves to (symbolic links followed). */
export interface ReportFile {
  readonly flag: string
  readonly format: ReportFormat
  readonly given: string
  readonly path: string
}

const HEAD_BYTES = 4096

const head = (path: string): string => {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(HEAD_BYTES)
    const n = readSync(fd, buffer, 0, HEAD_BYTES, 0)
    return buffer.subarray(0, n).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

/** Whether a file's first bytes are those of a report Parcours writes in that format. */
const looksLikeReport = (format: ReportFormat, start: string): boolean => {
  switch (format) {
    case 'html':
      return start.startsWith('<!doctype html>') && start.includes(HTML_REPORT_MARK)
    case 'csv':
      return isDashboardCsvStart(start)
    case 'json':
      return start.startsWith('{\n  "missionLocaleId": ')
    case 'statement':
      return start.startsWith(`${STATEMENT_CSV_HEADER.join(',')}\n`)
    case 'subject-access':
      return start.startsWith(SUBJECT_ACCESS_MARK)
    case 'dares':
    case 'asp':
    case 'france-travail':
      return start.startsWith(`${PARTNER_FILE_HEADERS[format]}\n`)
    case 'partner-description':
      return start.startsWith(PARTNER_DESCRIPTION_MARK)
  }
}

/**
 * Checks, before any work starts, where a report may be written: the folder must exist; an
 * existing file must be a regular file and a previous Parcours report of that format, unless
 * `force`. Symbolic links are followed, and the file they lead to is judged. Throws a usage error
 * naming the flag.
 */
export const reportFileFor = (
  flag: string,
  format: ReportFormat,
  given: string,
  cwd: string,
  force: boolean,
): ReportFile => {
  const absolute = resolve(cwd, given)
  const folder = dirname(absolute)
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw usageError(`${flag}: folder ${folder} does not exist; create it or write elsewhere.`)
  if (!existsSync(absolute)) {
    if (lstatSync(absolute, { throwIfNoEntry: false })?.isSymbolicLink() === true)
      throw usageError(`${flag}: ${absolute} is a symbolic link to nothing; remove it or write elsewhere.`)
    return { flag, format, given, path: join(realpathSync(folder), basename(absolute)) }
  }
  const path = realpathSync(absolute)
  const stat = statSync(path)
  if (stat.isDirectory()) throw usageError(`${flag}: ${path} is a folder; expected a file name.`)
  if (!stat.isFile())
    throw usageError(`${flag}: ${path} is not a regular file; a report is never written there.`)
  if (!force && !looksLikeReport(format, head(path)))
    throw usageError(
      `${flag}: ${path} exists and is not a Parcours ${FORMAT_NAMES[format]}; pass --force to replace it, or choose another file.`,
    )
  return { flag, format, given, path }
}

/**
 * Writes a report into the file `reportFileFor` chose, checking it again just before: the content
 * goes to a temporary file beside it, renamed over the target, so a failure leaves the old file whole.
 * Returns the line that tells the user where it went.
 */
export const writeReportFile = (file: ReportFile, content: string, cwd: string, force: boolean): string => {
  const target = reportFileFor(file.flag, file.format, file.given, cwd, force)
  const temporary = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.tmp`)
  try {
    // A subject access export holds personal data in clear: readable by its owner only.
    writeFileSync(temporary, content, { flag: 'wx', mode: file.format === 'subject-access' ? 0o600 : 0o644 })
    renameSync(temporary, target.path)
  } catch (e) {
    rmSync(temporary, { force: true })
    throw infrastructureError(`${file.flag}: cannot write ${target.path}: ${(e as Error).message}`)
  }
  const what = file.format === 'subject-access' ? 'Subject access export' : 'Report'
  return `${what} written to ${target.path}${target.path === resolve(cwd, file.given) ? '' : ` (${file.given} resolved)`}`
}
