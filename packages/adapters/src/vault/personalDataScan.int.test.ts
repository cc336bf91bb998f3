import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { isLeft, type Either } from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  journeyEventCodec,
  journeyStreamName,
  type EventStore,
  type JourneyEvent,
  type PersonalKey,
  type Sealed,
  type YouthId,
} from '@parcours/domain'
import { getEventStoreDBEventStore } from '../esdb/index.js'
import { startEsdbStandIn } from '../esdb/standIn/index.js'
import { createJourneyCommandHandler } from '../journeys/index.js'
import { createParcoursLogger } from '../logging/index.js'
import { getSqliteEventStore } from '../sqlite/index.js'
import { erasePersonalData } from './erasePersonalData.js'
import {
  fictitiousPerson,
  personalValues,
  birthDerivedDates,
  writeJourney,
  type FictitiousPerson,
} from './personalDataFixtures.js'
import { getSqliteKeyStore } from './sqliteKeyStore.js'
import { createVault, type Vault } from './vault.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parcours-scan-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const ok = async <A>(task: () => Promise<Either<{ readonly _tag: string }, A>>): Promise<A> => {
  const result = await task()
  if (isLeft(result)) throw new Error(`unexpected ${JSON.stringify(result.left)}`)
  return result.right
}

/** The raw bytes SQLite keeps for a database: the file, its WAL and shared memory, its journal. */
const rawBytes = (path: string): Buffer =>
  Buffer.concat(
    ['', '-wal', '-shm', '-journal']
      .map((suffix) => `${path}${suffix}`)
      .filter(existsSync)
      .map((p) => readFileSync(p)),
  )

/** The values found in clear in some bytes, in UTF-8 or UTF-16. */
const foundIn = (bytes: Buffer, values: ReadonlyArray<string>): ReadonlyArray<string> =>
  values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')) || bytes.includes(Buffer.from(v, 'utf16le')))

/** Every sealed value of a journey, from the store. */
const sealedOf = async (
  store: EventStore<JourneyEvent>,
  youthId: YouthId,
): Promise<ReadonlyArray<Sealed>> => {
  const events = await ok(store.readStream(journeyStreamName(youthId)))
  return events.flatMap(({ event }) =>
    [
      'personalData' in event ? event.personalData : null,
      'sealedAgeLimits' in event ? event.sealedAgeLimits : null,
      'comment' in event ? event.comment : null,
    ].filter((s): s is Sealed => s !== null && s !== undefined),
  )
}

const openAll = async (vault: Vault, store: EventStore<JourneyEvent>, youthId: YouthId) =>
  Promise.all((await sealedOf(store, youthId)).map((sealed) => vault.open(sealed, youthId)()))

const memoryLog = () => {
  const chunks: Buffer[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk))
      done()
    },
  })
  return { stream, bytes: () => Buffer.concat(chunks) }
}

/** An event store under test, and every byte it keeps. */
interface ScannedStore {
  readonly store: EventStore<JourneyEvent>
  readonly storedBytes: () => Buffer
  readonly dispose: () => Promise<void>
}

const stores: ReadonlyArray<
  readonly [string, (logger: ReturnType<typeof createParcoursLogger>) => Promise<ScannedStore>]
> = [
  [
    'SQLite event store',
    async (logger) => {
      const path = join(dir, 'events.db')
      const store = getSqliteEventStore({ path, codec: journeyEventCodec, logger })
      return { store, storedBytes: () => rawBytes(path), dispose: () => store.close() }
    },
  ],
  [
    'EventStoreDB stand-in',
    async (logger) => {
      const standIn = await startEsdbStandIn()
      const store = getEventStoreDBEventStore({
        connectionString: standIn.connectionString,
        codec: journeyEventCodec,
        logger,
      })
      return {
        store,
        storedBytes: () => standIn.storedBytes(),
        dispose: async () => {
          await store.close()
          await standIn.stop()
        },
      }
    },
  ],
]

describe.each(stores)('personal data at rest (%s, SQLite key store)', (_name, openStore) => {
  it('never stores names or comments in clear; after erasure, that person alone cannot be read', async () => {
    const keysPath = join(dir, 'keys.db')
    const log = memoryLog()
    const logger = createParcoursLogger({ destination: log.stream, level: 'trace' })
    const { store, storedBytes, dispose } = await openStore(logger)
    const keyStore = getSqliteKeyStore({ path: keysPath })
    const vault = createVault({ keyStore })
    const handle = createJourneyCommandHandler({ store, vault, logger })
    const people: FictitiousPerson[] = [1, 2, 3, 4].map((n) => fictitiousPerson(n))
    for (const person of people) {
      logger.info(
        { youthId: person.youthId, personalData: person.identity, comment: person.requestComment },
        'writing a journey',
      )
      await writeJourney(handle, person)
    }
    const everyValue = people.flatMap(personalValues)
    const [erased, ...kept] = people as [FictitiousPerson, ...FictitiousPerson[]]
    const erasedKey: PersonalKey = await ok(keyStore.get(erased.youthId))

    // Before erasure: the scan finds values written in clear (it works), but no personal value.
    const written = Buffer.from(JSON.stringify({ erased, birthDerivedDates }))
    expect(foundIn(written, personalValues(erased))).toEqual(personalValues(erased))
    const before = Buffer.concat([storedBytes(), rawBytes(keysPath), log.bytes()])
    expect(storedBytes().includes(Buffer.from(journeyStreamName(erased.youthId)))).toBe(true)
    expect(foundIn(before, everyValue)).toEqual([])
    expect(rawBytes(keysPath).includes(Buffer.from(erasedKey.material))).toBe(true)
    const openedBefore = await openAll(vault, store, erased.youthId)
    expect(openedBefore).toHaveLength(6)
    expect(openedBefore[0]).toEqual({ _tag: 'Right', right: { _tag: 'Opened', fields: erased.identity } })

    const erasure = await ok(
      erasePersonalData({
        vault,
        handle,
        store,
        youthId: erased.youthId,
        missionLocaleId: erased.missionLocaleId,
        on: '2024-07-01' as never,
        commandId: 'erase-1',
      }),
    )
    expect(erasure).toEqual({
      youthId: erased.youthId,
      keyId: erasedKey.keyId,
      keyErasedNow: true,
      eventRecordedNow: true,
    })

    // After erasure: still nothing in clear, the key is gone from every byte, and only that
    // person's data fails to open (as Erased); everyone else's still opens.
    const after = Buffer.concat([storedBytes(), rawBytes(keysPath), log.bytes()])
    expect(foundIn(after, everyValue)).toEqual([])
    expect(rawBytes(keysPath).includes(Buffer.from(erasedKey.material))).toBe(false)
    const erasedResults = await openAll(vault, store, erased.youthId)
    expect(erasedResults).toHaveLength(6)
    expect(erasedResults.every((r) => !isLeft(r) && r.right._tag === 'Erased')).toBe(true)
    for (const person of kept) {
      const results = await openAll(vault, store, person.youthId)
      const fields = results.map((r) =>
        isLeft(r) ? r.left._tag : r.right._tag === 'Opened' ? 'Opened' : 'Erased',
      )
      expect(fields).toEqual(['Opened', 'Opened', 'Opened', 'Opened', 'Opened', 'Opened'])
    }
    const stream = await ok(store.readStream(journeyStreamName(erased.youthId)))
    expect(
      stream.filter(({ event }) => event.type === 'PersonalDataErased').map(({ event }) => event),
    ).toEqual([
      {
        type: 'PersonalDataErased',
        youthId: erased.youthId,
        missionLocaleId: erased.missionLocaleId,
        on: '2024-07-01',
        keyId: erasedKey.keyId,
      },
    ])

    // A second erasure is a no-op success.
    expect(
      await ok(
        erasePersonalData({
          vault,
          handle,
          store,
          youthId: erased.youthId,
          missionLocaleId: erased.missionLocaleId,
          on: '2024-07-02' as never,
          commandId: 'erase-2',
        }),
      ),
    ).toEqual({
      youthId: erased.youthId,
      keyId: erasedKey.keyId,
      keyErasedNow: false,
      eventRecordedNow: false,
    })

    await dispose()
    await keyStore.close()
  })
})

describe('erasure and tenants', () => {
  it('refuses an erasure from another mission locale without touching the key', async () => {
    const store = getSqliteEventStore({ path: join(dir, 'events.db'), codec: journeyEventCodec })
    const keyStore = getSqliteKeyStore({ path: join(dir, 'keys.db') })
    const vault = createVault({ keyStore })
    const handle = createJourneyCommandHandler({ store, vault })
    const person = fictitiousPerson(7)
    await writeJourney(handle, person, 2)

    const refused = await erasePersonalData({
      vault,
      handle,
      store,
      youthId: person.youthId,
      missionLocaleId: 'ml-other' as never,
      on: '2024-07-01' as never,
      commandId: 'erase-x',
    })()
    expect(isLeft(refused) && refused.left._tag === 'Rejected' && refused.left.error._tag).toBe(
      'WrongMissionLocale',
    )
    const results = await openAll(vault, store, person.youthId)
    expect(results.map((r) => !isLeft(r) && r.right._tag)).toEqual(['Opened', 'Opened', 'Opened'])

    const unknown = 'youth-unknown' as YouthId
    const notRegistered = await erasePersonalData({
      vault,
      handle,
      store,
      youthId: unknown,
      missionLocaleId: person.missionLocaleId,
      on: '2024-07-01' as never,
      commandId: 'erase-y',
    })()
    expect(
      isLeft(notRegistered) && notRegistered.left._tag === 'Rejected' && notRegistered.left.error._tag,
    ).toBe('NotRegistered')
    expect(isLeft(await keyStore.get(unknown)()) && (await keyStore.get(unknown)())).toEqual({
      _tag: 'Left',
      left: { _tag: 'KeyNotFound', youthId: unknown },
    })
    await store.close()
    await keyStore.close()
  })
})
