import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Option } from '@commander-js/extra-typings'
import { isLeft } from 'fp-ts/lib/Either.js'
import { missionLocaleOf, type MissionLocaleId } from '@parcours/domain'
import {
  cejProjection,
  dashboardProjection,
  queryCejWeeks,
  queryDashboard,
  type DashboardQuery,
} from '@parcours/projections'
import { cejWeeksTable, withCejWeeks } from '../cej/cejWeeksTable.js'
import { usageError } from '../cli/errors.js'
import { parseCsvSeparator, parseId, parseLocale, parseMonth } from '../cli/parse.js'
import { reportFileFor, writeReportFile } from '../cli/reportFile.js'
import { translator } from '../i18n/index.js'
import { renderTable } from '../output/table.js'
import { dashboardCsv, excelFrCsv, plainCsv, type CsvFormat } from '../report/csv.js'
import { indicatorTable } from '../report/fromDashboard.js'
import { previousDashboard } from '../report/previousDashboard.js'
import { renderHtmlReport } from '../report/renderHtml.js'
import { reportFromDashboard } from '../report/reportFromDashboard.js'
import { reportSourceOf } from '../report/reportSource.js'
import { parseTargets, type Targets } from '../report/targets.js'
import { authorize } from '../store/access.js'
import { queryReadModels } from '../store/queryReadModels.js'
import { readModelOf } from '../store/readModels.js'
import { describeUnreadable, unreadableJourneys } from '../store/unreadableJourneys.js'
import type { CommandModule } from './commandModule.js'
import { dateOrToday } from './journey/index.js'

/** `parcours report`: the steering dashboard as a table, JSON, CSV or an HTML report. */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .option(
      '--mission-locale <id>',
      'one mission locale (default: national, with every mission locale)',
      parseId,
    )
    .option('--from <month>', 'first month (YYYY-MM)', parseMonth)
    .option('--to <month>', 'last month (YYYY-MM)', parseMonth)
    .addOption(
      new Option('--json [file]', 'print the dashboard as JSON (into FILE when given)').conflicts([
        'csv',
        'html',
      ]),
    )
    .addOption(
      new Option('--csv [file]', 'print the dashboard as CSV (into FILE when given)').conflicts(['html']),
    )
    .option('--html <file>', 'write the HTML report with charts to this file')
    .option('--force', 'replace the output file even when it is not a previous Parcours report')
    .addOption(
      dateOrToday(
        '--at <date>',
        'the date the figures are counted to (CEJ weeks complete by then, partial month)',
      ),
    )
    .addOption(
      new Option('--lang <lang>', 'language of the table and the HTML report: fr or en')
        .argParser(parseLocale)
        .default('fr' as const),
    )
    .option('--targets <file>', 'targets per indicator for the HTML report (JSON, see the README)')
    .addOption(
      new Option('--excel-fr', "CSV for a French spreadsheet: ';', a UTF-8 byte order mark, decimal comma"),
    )
    .option('--csv-sep <sep>', "CSV separator: ',', ';' or 'tab'", parseCsvSeparator)
    .option('--bom', 'start the CSV with a UTF-8 byte order mark')
    .action(async (o, cmd) => {
      if (o.from !== undefined && o.to !== undefined && o.from > o.to)
        throw usageError(`--from ${o.from} is after --to ${o.to}.`)
      if (o.csv === undefined && (o.excelFr === true || o.csvSep !== undefined || o.bom === true))
        throw usageError('--excel-fr, --csv-sep and --bom shape the CSV: give --csv too.')
      if (o.targets !== undefined && o.html === undefined)
        throw usageError('--targets are drawn in the HTML report: give --html too.')
      const targets = o.targets === undefined ? {} : readTargets(o.targets, ctx.io.cwd)
      const csvFormat: CsvFormat = {
        ...(o.excelFr === true ? excelFrCsv : plainCsv),
        ...(o.csvSep === undefined ? {} : { separator: o.csvSep }),
        ...(o.bom === true ? { bom: true } : {}),
      }
      const tr = translator(o.lang)
      const force = o.force === true
      // Checked before any work: a file that is not a previous report is never replaced without --force.
      const file =
        o.html !== undefined
          ? reportFileFor('--html', 'html', o.html, ctx.io.cwd, force)
          : typeof o.json === 'string'
            ? reportFileFor('--json', 'json', o.json, ctx.io.cwd, force)
            : typeof o.csv === 'string'
              ? reportFileFor('--csv', 'csv', o.csv, ctx.io.cwd, force)
              : undefined
      const session = ctx.session(cmd)
      // A counsellor or manager reads their own mission locale unless they name one; a statistician, the nation.
      const missionLocale = o.missionLocale ?? missionLocaleOf(session.actor)
      authorize(session, {
        kind: 'read-dashboard',
        missionLocaleId: (missionLocale ?? null) as MissionLocaleId | null,
      })
      const { env, sink } = await queryReadModels(ctx, cmd)
      const dashboardRm = await readModelOf(sink, dashboardProjection)
      const scope: DashboardQuery = missionLocale === undefined ? {} : { missionLocaleId: missionLocale }
      const dashboard = queryDashboard(dashboardRm, {
        ...scope,
        ...(o.from === undefined ? {} : { from: o.from }),
        ...(o.to === undefined ? {} : { to: o.to }),
      })
      const cejWeeks = queryCejWeeks(await readModelOf(sink, cejProjection), {
        asOf: o.at,
        ...(missionLocale === undefined ? {} : { missionLocaleId: missionLocale }),
      })
      const unreadable = await unreadableJourneys(sink, missionLocale ?? null)
      const notes = describeUnreadable(unreadable)
      const content =
        o.json !== undefined
          ? `${JSON.stringify(notes.length === 0 ? { ...dashboard, cejWeeks } : { ...dashboard, cejWeeks, unreadable }, null, 2)}\n`
          : o.csv !== undefined
            ? dashboardCsv(dashboard, csvFormat)
            : o.html !== undefined
              ? renderHtmlReport(
                  withCejWeeks(
                    reportFromDashboard(
                      {
                        dashboard,
                        previous: previousDashboard(dashboardRm, scope, dashboard),
                        targets,
                        source: reportSourceOf(env.spec),
                        asOf: o.at,
                        generatedAt: new Date().toISOString(),
                        notes,
                      },
                      tr,
                    ),
                    cejWeeks,
                    tr,
                  ),
                )
              : `${renderTable(indicatorTable(dashboard, tr))}\n${renderTable(cejWeeksTable(cejWeeks, tr))}${notes.map((n) => `${n}\n`).join('')}`
      // CSV has no room for them: they go to stderr, as they do whenever the report goes to a file.
      if (o.csv !== undefined || file !== undefined)
        for (const n of notes) ctx.io.stderr.write(`parcours: ${n}\n`)
      if (file === undefined) ctx.io.stdout.write(content)
      else ctx.io.stdout.write(`${writeReportFile(file, content, ctx.io.cwd, force)}\n`)
    })

/** The targets file, read and checked: one usage error naming what is wrong. */
const readTargets = (file: string, cwd: string): Targets => {
  let text: string
  try {
    text = readFileSync(resolve(cwd, file), 'utf8')
  } catch (e) {
    throw usageError(`--targets ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'}).`)
  }
  const targets = parseTargets(text)
  if (isLeft(targets)) throw usageError(`--targets ${file}: ${targets.left}.`)
  return targets.right
}
