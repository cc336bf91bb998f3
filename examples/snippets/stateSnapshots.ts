// The adapters README's "State snapshots": journey states saved in the SQLite store's file.
// #region readme
import { createJourneyCommandHandler, getSqliteStateSnapshots } from '@parcours/adapters'
import { JOURNEY_STATE_VERSION, type JourneyState } from '@parcours/domain'
// #endregion readme
import { journeyCommand, sqliteJourneyServices } from './setup.js'

/**
 * One handler registers a young person and saves the state at once (snapshotEvery: 1); a second,
 * with nothing in memory, schedules a follow-up from that snapshot. Resolves to the snapshot's
 * revision and the follow-up's.
 */
export const main = async (): Promise<ReadonlyArray<bigint | undefined>> => {
  const { store, vault, logger } = sqliteJourneyServices('parcours.db')
  // #region readme

  // `store` is the SQLite event store (getSqliteEventStore): the snapshots share its connection.
  const snapshots = getSqliteStateSnapshots<JourneyState>({ store, version: JOURNEY_STATE_VERSION })
  // #endregion readme
  const registration = { counsellorId: 'c-1', birthDate: '2006-04-02', rqth: false, personalData: null }
  const registered = await createJourneyCommandHandler({ store, vault, logger, snapshots, snapshotEvery: 1 })(
    {
      commandId: 'cmd-1',
      command: journeyCommand({ type: 'RegisterYouth', on: '2025-01-10', ...registration }),
    },
  )()
  if (registered._tag === 'Left') throw new Error(registered.left._tag)
  const saved = await snapshots.load('journey-youth-1')()
  if (saved._tag === 'Left') throw new Error(saved.left._tag)
  // #region readme
  const handle = createJourneyCommandHandler({ store, vault, logger, snapshots }) // snapshotEvery: 100
  // #endregion readme
  const followUp = { followUpId: 'f-1', dueOn: '2025-01-20', kind: 'workshop' }
  const scheduled = await handle({
    commandId: 'cmd-2',
    command: journeyCommand({ type: 'ScheduleFollowUp', on: '2025-01-10', ...followUp }),
  })()
  if (scheduled._tag === 'Left') throw new Error(scheduled.left._tag)
  // #region readme
  // … on shutdown: the snapshots first, then the store
  await snapshots.close()
  // #endregion readme
  await store.close()
  return [saved.right?.revision, scheduled.right.nextExpectedRevision]
}
