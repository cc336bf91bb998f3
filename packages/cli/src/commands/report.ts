import { writeFileSync } from 'node:fs'
import { Option, type Command } from 'commander'
import { missionLocaleOf, type MissionLocaleId } from '@parcours/domain'
import { dashboardProjection, queryDashboard } from '@parcours/projections'
import { usageError } from '../cli/errors.js'
import { outputFileFor } from '../cli/outputFile.js'
import { parseId, parseMonth } from '../cli/parse.js'
import { renderTable } from '../output/table.js'
import { dashboardCsv } from '../report/csv.js'
import { indicatorTable, reportFromDashboard } from '../report/fromDashboard.js'
import { renderHtmlReport } from '../report/renderHtml.js'
import { authorize } from '../store/access.js'
import { queryReadModels } from '../store/queryReadModels.js'
import { readModelOf } from '../store/readModels.js'
import { describeStore } from '../store/storeSpec.js'
import type { CommandModule } from './commandModule.js'

interface Options {
  readonly missionLocale?: string
  readonly from?: string
  readonly to?: string
  readonly json?: true
  readonly csv?: true
  readonly html?: string
}

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
    .addOption(new Option('--json', 'print the dashboard as JSON').conflicts(['csv', 'html']))
    .addOption(new Option('--csv', 'print the dashboard as CSV').conflicts(['html']))
    .option('--html <file>', 'write the HTML report with charts to this file')
    .action(async (o: Options, cmd: Command) => {
      if (o.from !== undefined && o.to !== undefined && o.from > o.to)
        throw usageError(`--from ${o.from} is after --to ${o.to}.`)
      const htmlFile = o.html === undefined ? undefined : outputFileFor('--html', o.html, ctx.io.cwd)
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
      if (o.json === true) ctx.io.stdout.write(`${JSON.stringify(dashboard, null, 2)}\n`)
      else if (o.csv === true) ctx.io.stdout.write(dashboardCsv(dashboard))
      else if (htmlFile !== undefined) {
        writeFileSync(
          htmlFile,
          renderHtmlReport(
            reportFromDashboard(
              dashboard,
              `From ${describeStore(env.spec)}, ${dashboard.from ?? '…'} to ${dashboard.to ?? '…'}.`,
            ),
          ),
        )
        ctx.io.stdout.write(`Report written to ${htmlFile}\n`)
      } else ctx.io.stdout.write(renderTable(indicatorTable(dashboard)))
    })
