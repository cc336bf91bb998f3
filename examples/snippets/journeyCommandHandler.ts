// The adapters README's "Command handling": the journey handler seals a follow-up's comment.
// #region readme
import { createJourneyCommandHandler } from '@parcours/adapters'
// #endregion readme
import type { JourneyEvent } from '@parcours/domain'
import { inMemoryJourneyServices, journeyCommand } from './setup.js'

/** Registers a young person, schedules a follow-up, keeps it with a comment; resolves to the last events. */
export const main = async (): Promise<ReadonlyArray<JourneyEvent>> => {
  const { store, vault, logger } = inMemoryJourneyServices()
  // #region readme

  const handle = createJourneyCommandHandler({ store, vault, logger }) // maxRetries, backoff as below
  // #endregion readme
  const registration = { counsellorId: 'c-1', birthDate: '2006-04-02', rqth: false, personalData: null }
  const followUp = { followUpId: 'f-1', dueOn: '2025-01-20', kind: 'workshop' }
  for (const [commandId, input] of [
    ['cmd-1', { type: 'RegisterYouth', on: '2025-01-10', ...registration }],
    ['cmd-2', { type: 'ScheduleFollowUp', on: '2025-01-10', ...followUp }],
  ] as const) {
    const r = await handle({ commandId, command: journeyCommand(input) })()
    if (r._tag === 'Left') throw new Error(r.left._tag)
  }
  const commandId = 'cmd-3'
  const command = journeyCommand({ type: 'KeepFollowUp', on: '2025-01-20', followUpId: 'f-1', comment: null })
  // #region readme
  const result = await handle({
    commandId,
    command, // e.g. a KeepFollowUp with `comment: null`
    personal: { comment: 'wants a welding course' }, // sealed into `comment` (`personalData` for a registration)
  })()
  // Left: 'Rejected', 'ConcurrencyConflict', a store error, a vault error (e.g. 'KeyErased' after an
  // erasure), or 'NothingToSeal' (personal fields for a command that carries none).
  // #endregion readme
  await store.close()
  if (result._tag === 'Left') throw new Error(result.left._tag)
  return result.right.events.map((e) => e.event)
}
