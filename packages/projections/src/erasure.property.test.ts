import fc from 'fast-check'
import { isLeft } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  createJourneyCommandHandler,
  createVault,
  erasePersonalData,
  sealedKeyIds,
  getInMemoryEventStore,
  getInMemoryKeyStore,
} from '@parcours/adapters'
import {
  addDays,
  journeyEventCodec,
  Sealed,
  type JourneyEvent,
  type KeyId,
  type LocalDate,
  type RecordedEvent,
} from '@parcours/domain'
import { dashboardProjection, type DashboardReadModel } from './dashboard/dashboardProjection.js'
import { queryCaseload } from './dashboard/queryCaseload.js'
import { queryDashboard } from './dashboard/queryDashboard.js'
import { docEntries } from './model/docMap.js'
import { foldEvents } from './model/projection.js'
import { allProjections } from './projections.js'
import { createProjectionRunner } from './runner/createProjectionRunner.js'
import { loadReadModel } from './runner/readModels.js'
import { getInMemoryProjectionSink } from './sink/inMemoryProjectionSink.js'
import { arbHistory, arbInterleaving, type GeneratedHistory } from './testing/arbitraries.js'
import { record } from './testing/journeyBuilder.js'
import { appendAll } from './testing/storeSupport.js'
import { queryWorklist } from './worklist/queryWorklist.js'
import { worklistProjection, type WorklistReadModel } from './worklist/worklistProjection.js'

// ---------------------------------------------------------------------------------------------
// Erasing personal data (crypto-shredding) must leave every indicator and every worklist as it
// was, for any subset of young people, whenever the erasure is recorded after their events.
// ---------------------------------------------------------------------------------------------

/** Everything a reader of the dashboard and worklists can see, for the given dates. */
const views = (dashboard: DashboardReadModel, worklists: WorklistReadModel, dates: ReadonlyArray<string>) => {
  const missionLocales = [
    ...new Set(
      [...docEntries(dashboard)].flatMap(([, d]) => (d.kind === 'youth' ? [] : [d.missionLocaleId])),
    ),
  ].sort()
  const pairs = [
    ...new Set([...docEntries(worklists)].map(([, y]) => `${y.missionLocaleId} ${y.counsellorId}`)),
  ].sort()
  return {
    national: queryDashboard(dashboard),
    byMissionLocale: missionLocales.map((missionLocaleId) => ({
      dashboard: queryDashboard(dashboard, { missionLocaleId }),
      caseload: queryCaseload(dashboard, { missionLocaleId }),
    })),
    worklists: pairs.flatMap((pair) => {
      const [missionLocaleId = '', counsellorId = ''] = pair.split(' ')
      return dates.map((asOf) => queryWorklist(worklists, { missionLocaleId, counsellorId, asOf }))
    }),
  }
}

/** A few dates to ask the worklists about: some event dates of the history, and later ones. */
const datesOf = (h: GeneratedHistory): ReadonlyArray<string> => {
  const all = [...new Set(h.journeys.flat().map((e) => e.on))].sort()
  const last = all[all.length - 1] ?? '2025-01-01'
  return [...all.filter((_, i) => i % 7 === 0), last, addDays(last as LocalDate, 45)]
}

const erasureOf = (events: ReadonlyArray<JourneyEvent>, daysLater: number): JourneyEvent | undefined => {
  const last = events[events.length - 1]
  if (last === undefined) return undefined
  return {
    type: 'PersonalDataErased',
    youthId: last.youthId,
    missionLocaleId: last.missionLocaleId,
    on: addDays(last.on, daysLater),
    keyId: `key-${last.youthId}` as KeyId,
  }
}

const withOwnKey = (r: RecordedEvent<JourneyEvent>): RecordedEvent<JourneyEvent> => ({
  ...r,
  event: Object.fromEntries(
    Object.entries(r.event).map(([k, v]) => [
      k,
      Sealed.is(v) ? { ...v, keyId: `key-${r.event.youthId}` } : v,
    ]),
  ) as unknown as JourneyEvent,
})

describe('erasure and the read models', () => {
  it('erasing any subset of young people changes no dashboard indicator, caseload or worklist (folds, any interleaving)', () => {
    const arbCase = arbHistory({ youths: 6, missionLocales: 3 }).chain((h) =>
      fc
        .array(fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }), {
          minLength: h.journeys.length,
          maxLength: h.journeys.length,
        })
        .chain((erase) => {
          const erased = h.journeys.map((events, i) => {
            const days = erase[i]
            const e = days === undefined ? undefined : erasureOf(events, days)
            return e === undefined ? events : [...events, e]
          })
          return arbInterleaving(erased.map((j) => j.length)).map((order) => ({
            h,
            erased: record(erased, order),
            erasedCount: erase.filter((d) => d !== undefined).length,
          }))
        }),
    )
    fc.assert(
      fc.property(arbCase, ({ h, erased, erasedCount }) => {
        const dates = datesOf(h)
        const before = views(
          foldEvents(dashboardProjection, h.recorded),
          foldEvents(worklistProjection, h.recorded),
          dates,
        )
        const after = views(
          foldEvents(dashboardProjection, erased),
          foldEvents(worklistProjection, erased),
          dates,
        )
        expect(erased.length).toBe(h.recorded.length + erasedCount)
        expect(after).toEqual(before)
      }),
      { numRuns: 40 },
    )
  })

  it('erasing through the vault on a store, then running the projections, changes no indicator or worklist', async () => {
    const arbCase = arbHistory({ youths: 5, missionLocales: 2, steps: { min: 2, max: 20 } }).chain((h) =>
      fc.subarray(h.journeys.map((_, i) => i)).map((toErase) => ({ h, toErase })),
    )
    await fc.assert(
      fc.asyncProperty(arbCase, async ({ h, toErase }) => {
        const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
        const keyStore = getInMemoryKeyStore()
        const vault = createVault({ keyStore })
        const handle = createJourneyCommandHandler({ store, vault })
        const sink = getInMemoryProjectionSink()
        const runner = createProjectionRunner({ store, projections: allProjections, sink, batchSize: 17 })
        const read = async () => {
          const run = await runner.catchUp()()
          if (isLeft(run)) throw new Error(run.left.message)
          const dashboard = await loadReadModel(sink, dashboardProjection)()
          const worklists = await loadReadModel(sink, worklistProjection)()
          if (isLeft(dashboard) || isLeft(worklists)) throw new Error('read models unavailable')
          return views(dashboard.right, worklists.right, datesOf(h))
        }

        // One key per young person, as the vault seals: every sealed value of a journey names it.
        await appendAll(store, h.recorded.map(withOwnKey))
        const before = await read()
        for (const i of toErase) {
          const events = h.journeys[i] ?? []
          const last = events[events.length - 1]
          if (last === undefined) continue
          // The key that sealed the journey's values, as the registration left it in the key store.
          const [keyId] = sealedKeyIds(
            events.map((e) => withOwnKey({ event: e } as RecordedEvent<JourneyEvent>).event),
          )
          if (keyId !== undefined)
            await keyStore.create({ youthId: last.youthId, keyId, material: new Uint8Array(32).fill(7) })()
          const erased = await erasePersonalData({
            vault,
            handle,
            store,
            youthId: last.youthId,
            // The mission locale holding the journey now (after any transfer) is the one that may erase.
            missionLocaleId: last.missionLocaleId,
            on: addDays(last.on, 30),
            commandId: `erase-${last.youthId}`,
          })()
          expect(erased._tag).toBe('Right')
        }
        const after = await read()
        const all = await store.readAll()()
        expect(isLeft(all) ? -1 : all.right.length).toBeGreaterThanOrEqual(h.recorded.length)
        expect(after).toEqual(before)
        await Promise.all([store.close(), sink.close()])
      }),
      { numRuns: 12 },
    )
  })
})
