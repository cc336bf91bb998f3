// A projection worker on SQLite: a service writes journeys into the SQLite event store; a worker
// runs the projections into a SQLite read-model file (read models and checkpoint committed
// together) and prints the steering dashboard's national totals. More journeys arrive, a fresh
// worker (as after a restart) resumes from the stored checkpoint and applies only the new events.
// This one catches up and stops; projection-worker/ is the worker that stays live.
//
// Run it: pnpm run build && node examples/dist/projectionWorker.js [folder]
// (files go to the folder given, or to a temporary folder removed at the end).

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isLeft } from 'fp-ts/lib/Either.js'
import {
  createJourneyCommandHandler,
  createVault,
  getInMemoryKeyStore,
  getSqliteEventStore,
} from '@parcours/adapters'
import { decodeCommand, journeyEventCodec } from '@parcours/domain'
import {
  allProjections,
  createProjectionRunner,
  dashboardProjection,
  getSqliteProjectionSink,
  loadReadModel,
  queryDashboard,
  type DashboardFigures,
} from '@parcours/projections'

/** What the worker saw and computed. */
export interface ProjectionWorkerResult {
  readonly eventStorePath: string
  readonly readModelPath: string
  /** Events the first worker applied, then the restarted one. */
  readonly firstRunEvents: number
  readonly resumedRunEvents: number
  readonly eventsInStore: number
  /** The national dashboard's totals over every month with data. */
  readonly nationalTotals: DashboardFigures
  /** First receptions per mission locale. */
  readonly firstReceptionsByMissionLocale: Readonly<Record<string, number>>
  /** Whether the national view names any young person (it must not: counts only). */
  readonly nationalViewHasYouthIds: boolean
}

const missionLocales = ['ml-lyon', 'ml-lille'] as const

/** The commands of the n-th young person's journey, as plain JSON: some find a job, some are followed up. */
const journeyInput = (n: number): ReadonlyArray<Record<string, unknown>> => {
  const base = { youthId: `youth-${n}`, missionLocaleId: missionLocales[n % 2] }
  const day = (d: number) => `2025-${String(1 + (n % 6)).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  const register = {
    ...base,
    type: 'RegisterYouth',
    on: day(2),
    counsellorId: `c-${n % 3}`,
    birthDate: '2005-09-14',
    rqth: false,
    personalData: null,
  }
  const offer = {
    ...base,
    type: 'OfferProposal',
    on: day(5),
    proposalId: 'p-1',
    theme: n % 2 === 0 ? 'employment' : 'training',
    respondBy: day(25),
  }
  if (n % 3 === 0)
    return [
      register,
      offer,
      { ...base, type: 'RecordProposalOutcome', on: day(12), proposalId: 'p-1', outcome: 'carried-out' },
      {
        ...base,
        type: 'StartEmployment',
        on: day(15),
        employmentId: 's-1',
        proposalId: null,
        contract: 'CDI',
        durationMonths: null,
      },
      { ...base, type: 'CloseJourney', on: day(20), reason: 'durable-employment', comment: null },
    ]
  if (n % 3 === 1)
    return [
      register,
      offer,
      { ...base, type: 'KeepFollowUp', on: day(10), followUpId: 'fu-1', comment: null },
    ]
  return [register, offer]
}

/** Runs the example in `folder` (kept), or in a temporary folder removed at the end. */
export const main = async (options: { readonly folder?: string } = {}): Promise<ProjectionWorkerResult> => {
  const folder = options.folder ?? mkdtempSync(join(tmpdir(), 'parcours-example-'))
  mkdirSync(folder, { recursive: true })
  const eventStorePath = join(folder, 'parcours.db')
  const readModelPath = join(folder, 'parcours-read-models.db')
  const store = getSqliteEventStore({ path: eventStorePath, codec: journeyEventCodec })
  try {
    // The service side: journeys written through the command handler.
    const handle = createJourneyCommandHandler({
      store,
      vault: createVault({ keyStore: getInMemoryKeyStore() }),
    })
    const write = async (from: number, to: number) => {
      for (let n = from; n < to; n++)
        for (const [i, input] of journeyInput(n).entries()) {
          const command = decodeCommand(input)
          if (isLeft(command)) throw new Error(command.left.paths.join('; '))
          const r = await handle({ commandId: `youth-${n}-${i}`, command: command.right })()
          if (isLeft(r)) throw new Error(`youth-${n}: ${command.right.type} failed: ${r.left._tag}`)
        }
    }

    // The worker side: one run catches up, commits, and stops (`follow()` would stay live).
    const work = async () => {
      const sink = getSqliteProjectionSink({ path: readModelPath })
      const runner = createProjectionRunner({ store, projections: allProjections, sink, batchSize: 100 })
      const run = await runner.catchUp()()
      if (isLeft(run)) throw new Error(run.left.message)
      const rm = await loadReadModel(sink, dashboardProjection)()
      await sink.close()
      if (isLeft(rm)) throw new Error(rm.left.message)
      return { events: run.right.events, dashboard: queryDashboard(rm.right) }
    }

    await write(0, 12)
    const first = await work()
    await write(12, 20)
    const resumed = await work() // a new sink and runner: only what came after the checkpoint

    const all = await store.readAll()()
    if (isLeft(all)) throw new Error(all.left._tag)
    const national = resumed.dashboard
    return {
      eventStorePath,
      readModelPath,
      firstRunEvents: first.events,
      resumedRunEvents: resumed.events,
      eventsInStore: all.right.length,
      nationalTotals: national.totals,
      firstReceptionsByMissionLocale: Object.fromEntries(
        national.missionLocales.map((m) => [m.missionLocaleId, m.totals.firstReceptions]),
      ),
      nationalViewHasYouthIds: /"youthId"|"youth-\d+"/.test(JSON.stringify(national)),
    }
  } finally {
    await store.close()
    if (options.folder === undefined) rmSync(folder, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv[2] === undefined ? {} : { folder: process.argv[2] }).then(
    (r) => {
      const t = r.nationalTotals
      console.log(
        `applied ${r.firstRunEvents} events, then ${r.resumedRunEvents} after the restart (${r.eventsInStore} stored)`,
      )
      console.log(
        `national totals: ${t.firstReceptions} first receptions, ${t.accompanied} accompanied, ${t.exits} exits (${t.positiveExits} positive)`,
      )
      console.log(`  proposals by theme: ${JSON.stringify(t.proposalsByTheme)}`)
      console.log(
        `  employment entries: ${JSON.stringify(t.employmentEntries)}; follow-ups: ${JSON.stringify(t.followUps)}`,
      )
      console.log(`first receptions by mission locale: ${JSON.stringify(r.firstReceptionsByMissionLocale)}`)
    },
    (error: unknown) => {
      console.error(error)
      process.exitCode = 1
    },
  )
}
