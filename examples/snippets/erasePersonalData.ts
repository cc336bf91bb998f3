// The vault README's "Erasure": crypto-shredding one young person's personal data.
// #region readme
import { erasePersonalData } from '@parcours/adapters'
// #endregion readme
import { createJourneyCommandHandler, type PersonalDataErasure } from '@parcours/adapters'
import type { LocalDate, MissionLocaleId, YouthId } from '@parcours/domain'
import { inMemoryJourneyServices, journeyCommand } from './setup.js'

/** Registers a young person with an identity, then erases it; resolves to what the erasure did. */
export const main = async (): Promise<PersonalDataErasure> => {
  const { store, vault } = inMemoryJourneyServices()
  const handle = createJourneyCommandHandler({ store, vault })
  const registration = { counsellorId: 'c-1', birthDate: '2006-04-02', rqth: false, personalData: null }
  const personal = { firstName: 'Zoé', lastName: 'Martin' }
  const command = journeyCommand({ type: 'RegisterYouth', on: '2025-01-10', ...registration })
  const registered = await handle({ commandId: 'cmd-1', command, personal })()
  if (registered._tag === 'Left') throw new Error(registered.left._tag)
  const [youthId, missionLocaleId] = ['youth-1' as YouthId, 'ml-lyon' as MissionLocaleId]
  const [on, commandId] = ['2026-01-15' as LocalDate, 'cmd-erase']
  // #region readme

  const r = await erasePersonalData({ vault, handle, store, youthId, missionLocaleId, on, commandId })()
  // Right({ youthId, keyId, keyErasedNow, eventRecordedNow }) | Left(VaultError | CommandHandlingError)
  // #endregion readme
  await store.close()
  if (r._tag === 'Left') throw new Error(r.left._tag)
  return r.right
}
