// The adapters README's school dropout list import: a SIEI file (siei-2025-03.csv in the current
// folder) becomes outreach cases, the rows' identities sealed.
// #region readme
import { createReadStream } from 'node:fs'
import {
  createOutreachCommandHandler,
  createVault,
  getInMemoryEventStore,
  getInMemoryInbox,
  getInMemoryKeyStore,
  importDropoutList,
} from '@parcours/adapters'
import { outreachEventCodec, type LocalDate, type MissionLocaleId } from '@parcours/domain'
// #endregion readme

/** Imports the list; resolves to how many cases it recorded. */
export const main = async (): Promise<number> => {
  // #region readme

  const handle = createOutreachCommandHandler({ store: getInMemoryEventStore({ codec: outreachEventCodec }) })
  const vault = createVault({ keyStore: getInMemoryKeyStore() })
  const r = await importDropoutList(createReadStream('siei-2025-03.csv'), {
    handle,
    vault,
    inbox: getInMemoryInbox(),
    missionLocaleFor: () => 'ml-rouen' as MissionLocaleId,
    on: '2025-03-20' as LocalDate,
  })()
  if (r._tag === 'Right') console.log(r.right.recorded, r.right.duplicated, r.right.rejections)
  // #endregion readme
  if (r._tag === 'Left') throw new Error(r.left._tag)
  return r.right.recorded
}
