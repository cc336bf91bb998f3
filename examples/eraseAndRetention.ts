// Erasure and retention (crypto-shredding). Every personal value is sealed with the young person's
// own key; erasing the key makes all of it unreadable for good, while the events, and so every
// indicator, stay as they were. We erase one young person at their request, show that another
// mission locale cannot erase a journey it does not hold, then run the retention rules (age limit
// + 2 years; CEJ end + 10 years): first a dry run that only lists, then the run that erases.
//
// In-memory stores here; in production put the keys in their own file with getSqliteKeyStore,
// apart from the events.
//
// Run it: pnpm run build && node examples/dist/eraseAndRetention.js

import { pathToFileURL } from 'node:url'
import { isLeft } from 'fp-ts/lib/Either.js'
import {
  createJourneyCommandHandler,
  createVault,
  describeVaultError,
  erasePersonalData,
  getInMemoryEventStore,
  getInMemoryKeyStore,
  runRetention,
  type PersonalFields,
  type RetentionEntry,
} from '@parcours/adapters'
import {
  decodeCommand,
  journeyEventCodec,
  type JourneyCommand,
  type JourneyEvent,
  type LocalDate,
  type Sealed,
  type YouthId,
} from '@parcours/domain'
import {
  allProjections,
  createProjectionRunner,
  dashboardProjection,
  getInMemoryProjectionSink,
  loadReadModel,
  queryDashboard,
} from '@parcours/projections'

/** What the example did. */
export interface EraseAndRetentionResult {
  /** The erasure asked for by youth-1. */
  readonly erasure: {
    readonly youthId: string
    readonly keyErasedNow: boolean
    readonly eventRecordedNow: boolean
  }
  /** The same erasure again: nothing left to do. */
  readonly repeatedErasure: { readonly keyErasedNow: boolean; readonly eventRecordedNow: boolean }
  /** How youth-1's identity reads afterwards ('Erased'), and whether youth-4's still opens. */
  readonly identityAfterErasure: string
  readonly othersStillOpen: boolean
  /** The rule that refused an erasure sent by a mission locale that does not hold the journey. */
  readonly crossTenantRefusal: string
  /** Past retention on the run date: listed by the dry run, then erased; a re-run finds nobody. */
  readonly retentionDryRun: ReadonlyArray<RetentionEntry>
  readonly stillOpenAfterDryRun: boolean
  readonly retentionErased: ReadonlyArray<RetentionEntry>
  readonly retentionRerun: ReadonlyArray<RetentionEntry>
  /** Every indicator of the national dashboard is the same before and after the erasures. */
  readonly dashboardUnchanged: boolean
  readonly erasureEvents: number
}

const identities: Readonly<Record<string, PersonalFields>> = {
  'youth-1': { firstName: 'Inès', lastName: 'Moreau', phone: '+33 6 00 00 00 01' },
  'youth-2': { firstName: 'Yanis', lastName: 'Bernard' },
  'youth-3': { firstName: 'Léa', lastName: 'Petit' },
  'youth-4': { firstName: 'Noah', lastName: 'Roux' },
}

/** Four journeys: a recent one, one closed long ago, one with a CEJ that ended in 2020, another recent one. */
const journeys = (
  personalData: (youthId: string) => Sealed | null,
): ReadonlyArray<Record<string, unknown>> => {
  const y = (youthId: string, missionLocaleId: string) => ({ youthId, missionLocaleId })
  const register = (youthId: string, missionLocaleId: string, on: string, birthDate: string) => ({
    ...y(youthId, missionLocaleId),
    type: 'RegisterYouth',
    on,
    counsellorId: 'c-1',
    birthDate,
    rqth: false,
    personalData: personalData(youthId),
  })
  return [
    register('youth-1', 'ml-lyon', '2025-01-10', '2006-03-10'),
    {
      ...y('youth-1', 'ml-lyon'),
      type: 'OfferProposal',
      on: '2025-01-15',
      proposalId: 'p-1',
      theme: 'housing',
      respondBy: '2025-02-01',
    },
    // Age limit 2021-06-01 (the 1st after the 26th birthday): retention due on 2023-06-01.
    register('youth-2', 'ml-lyon', '2019-09-01', '1995-05-20'),
    {
      ...y('youth-2', 'ml-lyon'),
      type: 'CloseJourney',
      on: '2020-03-01',
      reason: 'moved-away',
      comment: null,
    },
    // Age limit 2022-02-01, but a CEJ ended on 2020-12-31: retention due on 2030-12-31.
    register('youth-3', 'ml-lille', '2019-10-01', '1996-02-01'),
    { ...y('youth-3', 'ml-lille'), type: 'CompleteDiagnostic', on: '2020-01-10', comment: null },
    {
      ...y('youth-3', 'ml-lille'),
      type: 'EnterProgramme',
      on: '2020-01-15',
      programme: 'CEJ',
      plannedEndOn: '2020-12-31',
    },
    { ...y('youth-3', 'ml-lille'), type: 'ExitProgramme', on: '2020-12-31', reason: 'completed' },
    {
      ...y('youth-3', 'ml-lille'),
      type: 'CloseJourney',
      on: '2021-01-05',
      reason: 'youth-request',
      comment: null,
    },
    register('youth-4', 'ml-lille', '2025-02-01', '2004-11-30'),
  ]
}

/** Runs the example on `at` (the day of the erasures and of the retention run). */
export const main = async (at = '2026-01-15'): Promise<EraseAndRetentionResult> => {
  const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
  const vault = createVault({ keyStore: getInMemoryKeyStore() })
  const handle = createJourneyCommandHandler({ store, vault })
  const sink = getInMemoryProjectionSink()
  const runner = createProjectionRunner({ store, projections: allProjections, sink })
  const nationalDashboard = async () => {
    const run = await runner.catchUp()()
    if (isLeft(run)) throw new Error(run.left.message)
    const rm = await loadReadModel(sink, dashboardProjection)()
    if (isLeft(rm)) throw new Error(rm.left.message)
    return queryDashboard(rm.right)
  }

  // Seal every identity first, then write the journeys.
  const sealed = new Map<string, Sealed>()
  for (const [youthId, fields] of Object.entries(identities)) {
    const s = await vault.seal(youthId as YouthId, fields)()
    if (isLeft(s)) throw new Error(describeVaultError(s.left))
    sealed.set(youthId, s.right)
  }
  const commands: JourneyCommand[] = []
  for (const [i, input] of journeys((youthId) => sealed.get(youthId) ?? null).entries()) {
    const command = decodeCommand(input)
    if (isLeft(command)) throw new Error(command.left.paths.join('; '))
    const r = await handle({ commandId: `seed-${i}`, command: command.right })()
    if (isLeft(r)) throw new Error(`${command.right.type} failed: ${r.left._tag}`)
    commands.push(command.right)
  }
  const before = await nationalDashboard()
  const youth = (id: string) =>
    commands.find((c) => c.youthId === id && c.type === 'RegisterYouth') as JourneyCommand
  const on = at as LocalDate // the erasure's date, like any command's `on`

  // 1. youth-1 asks for erasure (GDPR art. 17): the key goes, then PersonalDataErased is recorded.
  const { youthId, missionLocaleId } = youth('youth-1')
  const erase = () =>
    erasePersonalData({ vault, handle, store, youthId, missionLocaleId, on, commandId: `erase-${youthId}` })()
  const erased = await erase()
  if (isLeft(erased)) throw new Error(`erasure failed: ${erased.left._tag}`)
  const again = await erase()
  if (isLeft(again)) throw new Error(`repeated erasure failed: ${again.left._tag}`)

  const openIdentity = async (id: string): Promise<string> => {
    const opened = await vault.open(sealed.get(id) as Sealed, id as YouthId)()
    return isLeft(opened) ? opened.left._tag : opened.right._tag
  }

  // 2. ml-lyon tries to erase a journey ml-lille holds: refused before the key is touched.
  const foreign = youth('youth-3')
  const crossTenant = await erasePersonalData({
    vault,
    handle,
    store,
    youthId: foreign.youthId,
    missionLocaleId,
    on,
    commandId: 'erase-foreign',
  })()
  const crossTenantRefusal =
    isLeft(crossTenant) && crossTenant.left._tag === 'Rejected' ? crossTenant.left.error._tag : 'not refused'

  // 3. Retention: a dry run lists, the real run erases, a re-run finds nobody left.
  const retention = async (dryRun: boolean) => {
    const r = await runRetention({ store, vault, handle, at: on, dryRun })()
    if (isLeft(r)) throw new Error(`retention failed: ${r.left._tag}`)
    if (r.right.failed.length > 0)
      throw new Error(`retention failed for ${r.right.failed.map((f) => f.youthId).join(', ')}`)
    return r.right.erased
  }
  const retentionDryRun = await retention(true)
  const stillOpenAfterDryRun = (await openIdentity('youth-2')) === 'Opened'
  const retentionErased = await retention(false)
  const retentionRerun = await retention(false)

  const after = await nationalDashboard()
  const all = await store.readAll()()
  if (isLeft(all)) throw new Error(all.left._tag)
  await store.close()

  return {
    erasure: {
      youthId: erased.right.youthId,
      keyErasedNow: erased.right.keyErasedNow,
      eventRecordedNow: erased.right.eventRecordedNow,
    },
    repeatedErasure: {
      keyErasedNow: again.right.keyErasedNow,
      eventRecordedNow: again.right.eventRecordedNow,
    },
    identityAfterErasure: await openIdentity('youth-1'),
    othersStillOpen:
      (await openIdentity('youth-3')) === 'Opened' && (await openIdentity('youth-4')) === 'Opened',
    crossTenantRefusal,
    retentionDryRun,
    stillOpenAfterDryRun,
    retentionErased,
    retentionRerun,
    dashboardUnchanged: JSON.stringify(after) === JSON.stringify(before),
    erasureEvents: all.right.filter((r) => r.event.type === 'PersonalDataErased').length,
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv[2]).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error)
      process.exitCode = 1
    },
  )
}
