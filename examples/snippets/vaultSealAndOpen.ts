// The vault README's "Sealing": seal an identity, register with it, open it back from the event.
// The key store is parcours-keys.db in the current folder.
// #region readme
import { isLeft } from 'fp-ts/lib/Either.js'
import { createVault, describeVaultError, getSqliteKeyStore } from '@parcours/adapters'
// #endregion readme
import { createJourneyCommandHandler, getInMemoryEventStore, type OpenResult } from '@parcours/adapters'
import { journeyEventCodec, journeyStreamName, type JourneyEvent, type YouthId } from '@parcours/domain'
import { journeyCommand } from './setup.js'

/** Seals, registers and opens; resolves to what the vault opened. */
export const main = async (): Promise<OpenResult> => {
  const youthId = 'youth-1' as YouthId
  // #region readme

  const keyStore = getSqliteKeyStore({ path: 'parcours-keys.db' }) // or getInMemoryKeyStore()
  const vault = createVault({ keyStore })

  const sealed = await vault.seal(youthId, { firstName: 'Zoé', lastName: 'Martin' })()
  if (isLeft(sealed)) throw new Error(describeVaultError(sealed.left)) // KeyErased | CorruptKey | KeyStoreUnavailable
  // sealed.right goes in RegisterYouth.personalData; handle the command as usual.
  // #endregion readme
  const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
  const handle = createJourneyCommandHandler({ store, vault })
  const registration = { counsellorId: 'c-1', birthDate: '2006-04-02', rqth: false }
  const command = journeyCommand({
    type: 'RegisterYouth',
    on: '2025-01-10',
    ...registration,
    personalData: sealed.right,
  })
  const handled = await handle({ commandId: 'cmd-1', command })()
  const stream = await store.readStream(journeyStreamName(youthId))()
  const registered = isLeft(stream)
    ? undefined
    : stream.right.find((r) => r.event.type === 'YouthRegistered')?.event
  if (isLeft(handled) || registered?.type !== 'YouthRegistered' || registered.personalData === null)
    throw new Error('the registration was not recorded with its personal data')
  // #region readme

  const opened = await vault.open(registered.personalData, youthId)()
  // Right({ _tag: 'Opened', fields }) | Right({ _tag: 'Erased', keyId })
  // | Left(KeyNotFound | CorruptKey | DecryptionFailed | KeyStoreUnavailable)
  // #endregion readme
  await store.close()
  await keyStore.close()
  if (isLeft(opened)) throw new Error(describeVaultError(opened.left))
  return opened.right
}
