import { Option } from '@commander-js/extra-typings'
import { missionLocaleOf, type MissionLocaleId } from '@parcours/domain'
import { cejProjection, dashboardProjection, queryCejWeeks, queryDashboard } from '@parcours/projections'
import { cejWeeksTable, withCejWeeks } from '../cej/cejWeeksTable.js'
import { usageError } from '../cli/errors.js'
import { parseId, parseMonth } from '../cli/parse.js'
import { reportFileFor, writeReportFile } from '../cli/reportFile.js'
import { renderTable } from '../output/table.js'
import { dashboardCsv } from '../report/csv.js'
import { indicatorTable, reportFromDashboard } from '../report/fromDashboard.js'
import { renderHtmlReport } from '../report/renderHtml.js'
import { authorize } from '../store/access.js'
import { queryReadModels } from '../store/queryReadModels.js'
import { readModelOf } from '../store/readModels.js'
import { describeStore } from '../store/storeSpec.js'
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
    .addOption(dateOrToday('--at <date>', 'count the CEJ weeks complete by this date'))
    .action(async (o, cmd) => {
      if (o.from !== undefined && o.to !== undefined && o.from > o.to)
        throw usageError(`--from ${o.from} is after --to ${o.to}.`)
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
      const dashboard = queryDashboard(await readModelOf(sink, dashboardProjection), {
        ...(missionLocale === undefined ? {} : { missionLocaleId: missionLocale }),
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
            ? dashboardCsv(dashboard)
            : o.html !== undefined
              ? renderHtmlReport(
                  withCejWeeks(
                    reportFromDashboard(
                      dashboard,
                      [
                        `From ${describeStore(env.spec)}, ${dashboard.from ?? '…'} to ${dashboard.to ?? '…'}.`,
                        ...notes,
                      ].join(' '),
                    ),
                    cejWeeks,
                  ),
                )
              : `${renderTable(indicatorTable(dashboard))}\n${renderTable(cejWeeksTable(cejWeeks))}${notes.map((n) => `${n}\n`).join('')}`
      // CSV has no room for them: they go to stderr, as they do whenever the report goes to a file.
      if (o.csv !== undefined || file !== undefined)
        for (const n of notes) ctx.io.stderr.write(`parcours: ${n}\n`)
      if (file === undefined) ctx.io.stdout.write(content)
      else ctx.io.stdout.write(`${writeReportFile(file, content, ctx.io.cwd, force)}\n`)
    })
