// The projections README's first block: catch a SQLite sink up with the store, then query the
// dashboard. The sink is parcours.db in the current folder.
// #region readme
import { isLeft } from 'fp-ts/lib/Either.js'
// #endregion readme
import { getInMemoryEventStore } from '@parcours/adapters'
import { journeyEventCodec, type JourneyEvent } from '@parcours/domain'
import { journeyFixture } from '@parcours/domain/testing'
// #region readme
import {
  allProjections,
  createProjectionRunner,
  dashboardProjection,
  getSqliteProjectionSink,
  loadReadModel,
  queryDashboard,
} from '@parcours/projections'
// #endregion readme

/** Registers one young person, catches up and queries the dashboard; resolves to its first receptions. */
export const main = async (): Promise<number> => {
  const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
  const j = journeyFixture('y-1', 'ml-1')
  const registration = { counsellorId: 'c-1', birthDate: '2005-06-15', rqth: false, personalData: null }
  const events = j.history(j.command('RegisterYouth', '2025-01-10', registration))
  await store.append(
    'journey-y-1',
    'no-stream',
    events.map((event, i) => ({ id: `e-${i}`, event })),
  )()
  // #region readme

  const sink = getSqliteProjectionSink({ path: 'parcours.db' }) // may share the event store's file
  const runner = createProjectionRunner({ store, projections: allProjections, sink })
  const run = await runner.catchUp()() // note the second ()
  if (isLeft(run)) throw new Error(run.left.message) // e.g. ProjectionDecodeFailed
  const rm = await loadReadModel(sink, dashboardProjection)()
  if (!isLeft(rm))
    console.log(queryDashboard(rm.right, { missionLocaleId: 'ml-1', from: '2025-01', to: '2025-12' }))
  // #endregion readme
  await sink.close()
  await store.close()
  if (isLeft(rm)) throw new Error(rm.left.message)
  return queryDashboard(rm.right, { missionLocaleId: 'ml-1', from: '2025-01', to: '2025-12' }).totals
    .firstReceptions
}
