import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  journeyEventCodec,
  journeyStreamName,
  type EventStore,
  type JourneyEvent,
  type LocalDate,
} from '@parcours/domain'
import { createJourneyCommandHandler } from '../journeys/index.js'
import { getInMemoryEventStore } from '../memory/index.js'
import { getInMemoryKeyStore } from './inMemoryKeyStore.js'
import { fictitiousPerson, writeJourney, type FictitiousPerson } from './personalDataFixtures.js'
import { runRetention } from './runRetention.js'
import { createVault } from './vault.js'

const ok = async <A>(task: () => Promise<Either<{ readonly _tag: string }, A>>): Promise<A> => {
  const result = await task()
  if (isLeft(result)) throw new Error(`unexpected ${JSON.stringify(result.left)}`)
  return result.right
}

/**
 * The store as EventStoreDB shows its log: positions are byte offsets, far apart, and a read of
 * `$all` from a position where no event starts fails.
 */
const withSpacedPositions = (store: EventStore<JourneyEvent>): EventStore<JourneyEvent> => ({
  ...store,
  readAll:
    (options = {}) =>
    async () => {
      const from = options.fromPosition
      if (from !== undefined && from % 100n !== 0n)
        return left({ _tag: 'StoreUnavailable', message: `no event starts at ${from}` })
      const read = await store.readAll({
        ...options,
        ...(from === undefined ? {} : { fromPosition: from / 100n }),
      })()
      return isLeft(read) ? read : right(read.right.map((e) => ({ ...e, position: e.position * 100n })))
    },
})

// Everyone is born on 2005-06-15: age limit 2031-07-01 (the 1st after the 26th birthday), so due
// on 2033-07-01; a CEJ ended on 2024-06-01 keeps the data until 2034-06-01.
const setup = async (
  view: (store: EventStore<JourneyEvent>) => EventStore<JourneyEvent> = (store) => store,
  pageSize = 4,
) => {
  const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
  const vault = createVault({ keyStore: getInMemoryKeyStore() })
  const handle = createJourneyCommandHandler({ store, vault })
  const withoutCej = [fictitiousPerson(1, 'ml-a'), fictitiousPerson(2, 'ml-b')]
  const withCej = [fictitiousPerson(3, 'ml-a')]
  await writeJourney(handle, withoutCej[0] as FictitiousPerson, 3)
  await writeJourney(handle, withoutCej[1] as FictitiousPerson, 1)
  await writeJourney(handle, withCej[0] as FictitiousPerson, 5)
  const run = (at: string, dryRun: boolean) =>
    ok(runRetention({ store: view(store), vault, handle, at: at as LocalDate, dryRun, pageSize }))
  const opens = async (person: FictitiousPerson) => {
    const events = await ok(store.readStream(journeyStreamName(person.youthId)))
    const registered = events[0]?.event
    if (registered?.type !== 'YouthRegistered' || registered.personalData === null)
      throw new Error('no personal data')
    const opened = await ok(vault.open(registered.personalData, person.youthId))
    return opened._tag
  }
  return { run, opens, withoutCej, withCej }
}

describe('runRetention', () => {
  it('erases nobody before the retention date', async () => {
    const { run } = await setup()
    expect((await run('2033-06-30', false)).erased).toEqual([])
  })

  it('lists without erasing in a dry run', async () => {
    const { run, opens, withoutCej } = await setup()
    const dry = await run('2033-07-01', true)
    expect(dry.dryRun).toBe(true)
    expect(dry.erased).toEqual(
      withoutCej.map((p) => ({
        youthId: p.youthId,
        missionLocaleId: p.missionLocaleId,
        retentionDueOn: '2033-07-01',
      })),
    )
    for (const person of withoutCej) expect(await opens(person)).toBe('Opened')
  })

  it('erases those past the age limit + 2 years, keeps a CEJ ended in the last 10 years, and never erases twice', async () => {
    const { run, opens, withoutCej, withCej } = await setup()
    const first = await run('2033-07-01', false)
    expect(first.erased.map((e) => e.youthId)).toEqual(withoutCej.map((p) => p.youthId))
    expect(first.failed).toEqual([])
    for (const person of withoutCej) expect(await opens(person)).toBe('Erased')
    for (const person of withCej) expect(await opens(person)).toBe('Opened')

    expect((await run('2033-07-02', false)).erased).toEqual([])
    const later = await run('2034-06-01', false)
    expect(later.erased).toEqual(
      withCej.map((p) => ({
        youthId: p.youthId,
        missionLocaleId: p.missionLocaleId,
        retentionDueOn: '2034-06-01',
      })),
    )
    for (const person of withCej) expect(await opens(person)).toBe('Erased')
  })

  it('pages the log from positions the store gave, so it also runs where positions are far apart', async () => {
    for (const pageSize of [1, 2, 4]) {
      const { run, withoutCej } = await setup(withSpacedPositions, pageSize)
      const first = await run('2033-07-01', false)
      expect(first.failed).toEqual([])
      expect(first.erased.map((e) => e.youthId)).toEqual(withoutCej.map((p) => p.youthId))
    }
  })
})

/** The store with the events of one stream at `revision` undecodable, as a store reports them. */
const withCorruptEvent =
  (streamName: string, revision: bigint) =>
  (store: EventStore<JourneyEvent>): EventStore<JourneyEvent> => ({
    ...store,
    readAll:
      (options = {}) =>
      async () => {
        const read = await store.readAll(options)()
        if (isLeft(read)) return read
        const bad = read.right.find((e) => e.streamName === streamName && e.revision === revision)
        return bad === undefined
          ? read
          : left({
              _tag: 'DecodeFailed',
              streamName,
              revision,
              position: bad.position,
              eventType: bad.event.type,
              reason: 'invalid payload',
              paths: [],
            })
      },
  })

describe('runRetention past a corrupt event', () => {
  it('goes on with everyone else, skips that journey untouched and lists it with its position', async () => {
    for (const pageSize of [1, 4, 100]) {
      const bad = journeyStreamName(fictitiousPerson(1, 'ml-a').youthId)
      const { run, opens, withoutCej } = await setup(withCorruptEvent(bad, 1n), pageSize)
      const [skippedPerson, other] = withoutCej as [FictitiousPerson, FictitiousPerson]
      const r = await run('2033-07-01', false)
      expect(
        r.erased.map((e) => e.youthId),
        `page ${pageSize}`,
      ).toEqual([other.youthId])
      expect(r.skipped).toEqual([
        expect.objectContaining({ youthId: skippedPerson.youthId, streamName: bad, revision: 1n }),
      ])
      expect(typeof r.skipped[0]?.position).toBe('bigint')
      expect(await opens(skippedPerson)).toBe('Opened')
      expect(await opens(other)).toBe('Erased')
    }
  })
})
