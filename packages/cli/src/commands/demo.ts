import { Option } from '@commander-js/extra-typings'
import { isLeft } from 'fp-ts/lib/Either.js'
import { createJourneyCommandHandler, openAllowanceBasis } from '@parcours/adapters'
import { addDays, monthOf, type LocalDate, type OpenedBasis, type YouthId } from '@parcours/domain'
import {
  cejProjection,
  dashboardProjection,
  docEntries,
  queryCejWeeks,
  queryDashboard,
} from '@parcours/projections'
import { allowanceTotals, allowanceTotalsTable } from '../cej/allowanceTotals.js'
import { cejWeeksTable, withCejWeeks } from '../cej/cejWeeksTable.js'
import { infrastructureError, usageError } from '../cli/errors.js'
import { parseDate, parseIntIn, parseLocale } from '../cli/parse.js'
import { reportFileFor, writeReportFile } from '../cli/reportFile.js'
import { syncDemoOffers } from '../demo/demoOffers.js'
import { importDemoTrainings } from '../demo/demoTrainings.js'
import {
  compareWithReferences,
  handlerPorts,
  lastFullYearCohort,
  referenceTable,
  simulateNetwork,
  simulationPeriod,
} from '../demo/index.js'
import { translator } from '../i18n/index.js'
import { createProgress } from '../output/progress.js'
import { renderTable } from '../output/table.js'
import { indicatorTable } from '../report/fromDashboard.js'
import { renderHtmlReport } from '../report/renderHtml.js'
import { reportFromDashboard } from '../report/reportFromDashboard.js'
import { deleteSqliteStore, ensureEmpty } from '../store/freshStore.js'
import { openOfferCatalogue, openPartnerInbox } from '../store/offerCatalogue.js'
import { openSink, readModelOf, runProjections } from '../store/readModels.js'
import { describeStore } from '../store/storeSpec.js'
import { openTrainingCatalogue } from '../store/trainingCatalogue.js'
import type { CommandModule } from './commandModule.js'
import { offerSyncLines } from './partners/offers.js'
import { lheoImportLines } from './partners/trainings.js'

/** `parcours demo`: simulate, project, print the dashboard, write the HTML report. */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .option('--youths <n>', 'young people to register', parseIntIn(1, 1_000_000), 2000)
    .option('--missions <n>', 'missions locales', parseIntIn(1, 50), 5)
    .option('--months <n>', 'months to simulate', parseIntIn(1, 120), 18)
    .option('--start <date>', 'first day simulated (YYYY-MM-DD)', parseDate, '2025-01-01' as LocalDate)
    .option(
      '--seed <n>',
      'seed of the simulation: the same seed gives the same network',
      parseIntIn(0, 4_294_967_295),
      42,
    )
    .option('--json', 'print the dashboard as JSON')
    .addOption(
      new Option('--html <file>', 'write the HTML report there').default(true, 'parcours-report.html'),
    )
    .option('--no-html', 'write no HTML report')
    .option('--reset', 'replace an existing SQLite store with a fresh demo')
    .option('--force', 'replace the --html file even when it is not a previous Parcours report')
    .addOption(
      new Option('--lang <lang>', 'language of the dashboard and the HTML report: fr or en')
        .argParser(parseLocale)
        .default('fr' as const),
    )
    .action(async (options, cmd) => {
      const { io } = ctx
      const tr = translator(options.lang)
      const spec = ctx.storeSpec(cmd)
      // Checked before the simulation, so a bad --html leaves no half-made demo store behind.
      const htmlFile =
        options.html === false
          ? undefined
          : reportFileFor(
              '--html',
              'html',
              options.html === true ? 'parcours-report.html' : options.html,
              io.cwd,
              options.force === true,
            )
      if (options.reset === true) {
        if (spec.kind !== 'sqlite')
          throw usageError('--reset: only a SQLite store can be reset; use an empty store instead.')
        deleteSqliteStore(spec, io.cwd)
      }
      const started = performance.now()
      const env = await ctx.openStore(cmd, { createKeyStore: true })
      await ensureEmpty(env)
      const period = simulationPeriod(options)
      // Training offers come from a Carif-Oref file, as they would: generated, then imported; job
      // offers from France Travail's API, here its local simulator. The two run side by side (the
      // offer sync mostly waits on the API's rate limit).
      const inbox = openPartnerInbox(ctx, cmd)
      const [trainings, jobOffers] = await Promise.all([
        importDemoTrainings(openTrainingCatalogue(ctx, cmd), options.seed, env.logger, inbox),
        syncDemoOffers(openOfferCatalogue(ctx, cmd), inbox, options.seed, env.logger),
      ])
      if (typeof trainings === 'string')
        throw infrastructureError(`the training catalogue failed: ${trainings}`)
      if (typeof jobOffers === 'string') throw infrastructureError(`the offer catalogue failed: ${jobOffers}`)
      const simulating = createProgress(io.stderr, 'simulating days')
      const simulated = await simulateNetwork(
        { ...options, trainingSessions: trainings.sessions, partnerOffers: jobOffers.offers },
        handlerPorts(
          createJourneyCommandHandler({
            store: env.store,
            vault: env.vault,
            logger: env.logger,
            ...(env.snapshots === undefined ? {} : { snapshots: env.snapshots }),
          }),
          env.vault,
        ),
        simulating.update,
      )
      simulating.stop()
      if (simulated._tag === 'Left') throw infrastructureError(`the simulation stopped: ${simulated.left}`)
      const stats = simulated.right
      const sink = openSink(env, io.cwd)
      ctx.onDispose(sink.close)
      // The store and the sink are new: the read models are built from zero, stream by stream.
      await runProjections(env, sink, {
        mode: 'rebuild',
        progress: createProgress(io.stderr, 'projecting events'),
      })
      const readModel = await readModelOf(sink, dashboardProjection)
      const dashboard = queryDashboard(readModel)
      const lastCohort = lastFullYearCohort(period.from, period.to)
      const beside = referenceTable(
        compareWithReferences(
          dashboard,
          lastCohort === null
            ? null
            : queryDashboard(readModel, { from: monthOf(period.from), to: lastCohort }),
        ),
      )
      // The CEJ: weeks under 15 h as of the last day simulated, and the allowance due per mission
      // locale (the demo opens the sealed bases itself, as the manager's statement export would).
      const cejRm = await readModelOf(sink, cejProjection)
      const cejWeeks = queryCejWeeks(cejRm, { asOf: addDays(period.to, 1) })
      const opened = new Map<string, OpenedBasis>()
      for (const [, y] of docEntries(cejRm))
        for (const c of y.ledger.contracts)
          for (const a of c.allowances)
            if (a.personalData !== null) {
              const r = await openAllowanceBasis(env.vault, a.personalData, y.youthId as YouthId)()
              opened.set(a.personalData.ciphertext, isLeft(r) ? 'unreadable' : r.right)
            }
      const totals = allowanceTotalsTable(
        allowanceTotals(
          cejRm,
          period.from,
          period.to,
          (_y, sealed) => opened.get(sealed.ciphertext) ?? 'unreadable',
        ),
        `${monthOf(period.from)} to ${monthOf(period.to)}`,
      )
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      const refused = Object.values(stats.refused).reduce((a, b) => a + b, 0)
      const summary =
        `Simulated ${stats.youths} young people in ${options.missions} missions locales, ${monthOf(period.from)} to ${monthOf(period.to)} ` +
        `(seed ${options.seed}): ${stats.commands} commands, ${stats.events} events, ${refused} refused, on ${describeStore(spec)}.`
      const catalogueLine =
        `Training catalogue: ${lheoImportLines('a generated regional LHEO file', trainings.report)[0] ?? ''}; ` +
        `${stats.trainingProposalsFromCatalogue} training proposals offered one of its ${trainings.sessions.length} sessions recruiting.`
      const offersLines = [
        ...jobOffers.syncs.flatMap((r, i) =>
          offerSyncLines(`the simulated France Travail (sync ${i + 1})`, r).map(
            (l) => `Offer catalogue: ${l.trim()}`,
          ),
        ),
        `Offer catalogue: ${stats.proposalsFromPartnerOffers} employment and apprenticeship proposals offered one of its ${jobOffers.offers.length} open France Travail offers.`,
      ]
      io.stderr.write(`demo done in ${seconds} s\n`)
      if (options.json === true) io.stdout.write(`${JSON.stringify(dashboard, null, 2)}\n`)
      else
        io.stdout.write(
          `${summary}
${catalogueLine}
${offersLines.join('\n')}

${renderTable(indicatorTable(dashboard, tr))}
${renderTable(beside)}
${renderTable(cejWeeksTable(cejWeeks, tr))}
${renderTable(totals)}`,
        )
      if (htmlFile !== undefined) {
        const written = writeReportFile(
          htmlFile,
          renderHtmlReport(
            withCejWeeks(
              reportFromDashboard(
                {
                  dashboard,
                  previous: null,
                  targets: {},
                  source: {
                    kind: 'simulation',
                    youths: stats.youths,
                    missions: options.missions,
                    seed: options.seed,
                  },
                  asOf: period.to,
                  generatedAt: new Date().toISOString(),
                },
                tr,
              ),
              cejWeeks,
              tr,
            ),
          ),
          io.cwd,
          options.force === true,
        )
        ;(options.json === true ? io.stderr : io.stdout).write(`${written}\n`)
      }
    })
