// The root README's "Using the library": a complete program that registers a young person on a
// SQLite store (parcours.db and parcours.db.keys in the current folder), the identity sealed.
// Run it: pnpm run build && node examples/dist/snippets/usingTheLibrary.js

import { pathToFileURL } from 'node:url'
// #region readme
import { isLeft } from 'fp-ts/lib/Either.js'
import {
  createJourneyCommandHandler,
  createVault,
  getSqliteEventStore,
  getSqliteKeyStore,
} from '@parcours/adapters'
import { decodeCommand, journeyEventCodec } from '@parcours/domain'
// #endregion readme

/** Runs the program in the current folder; resolves to the number of events it recorded. */
export const main = async (): Promise<number> => {
  // #region readme

  const store = getSqliteEventStore({ path: 'parcours.db', codec: journeyEventCodec })
  const keyStore = getSqliteKeyStore({ path: 'parcours.db.keys' }) // the keys, apart from the events
  const vault = createVault({ keyStore })
  const handle = createJourneyCommandHandler({ store, vault })

  // Input arrives as JSON (a form, a queue): decode it at your edge.
  const command = decodeCommand({
    type: 'RegisterYouth',
    youthId: 'youth-0042', // pseudonymous: never a name
    missionLocaleId: 'ml-lyon',
    on: '2025-01-10',
    counsellorId: 'c-durand',
    birthDate: '2006-04-02', // checks eligibility; only the age band reaches the event
    rqth: false,
    personalData: null, // filled by the vault with the sealed `personal` below
  })
  if (isLeft(command)) throw new Error(command.left.paths.join('; '))

  // Every call is a TaskEither: call it, await it, then look at the Either. No fp-ts needed.
  const personal = { firstName: 'Zoé', lastName: 'Martin' }
  const result = await handle({ commandId: 'cmd-1', command: command.right, personal })()
  if (isLeft(result))
    console.error(result.left._tag) // 'Rejected' (with the rule), a conflict, a store or vault error
  else console.log(result.right.events.length, 'events recorded')
  await store.close()
  await keyStore.close()
  // #endregion readme
  return isLeft(result) ? 0 : result.right.events.length
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
