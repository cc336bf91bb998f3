import fc from 'fast-check'
import { isLeft } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  foldJourney,
  journeyEventCodec,
  journeyStreamName,
  type EventStore,
  type JourneyEvent,
  type JourneyState,
  type YouthId,
} from '@parcours/domain'
import { createJourneyCommandHandler } from '../journeys/index.js'
import { getInMemoryEventStore } from '../memory/index.js'
import { erasePersonalData } from './erasePersonalData.js'
import { getInMemoryKeyStore } from './inMemoryKeyStore.js'
import { fictitiousPerson, journeyStages, writeJourney } from './personalDataFixtures.js'
import { createVault } from './vault.js'

// What every indicator is derived from: each journey's folded state, all events included, less the
// erasure flag; and the number of events of each type, less the erasure events themselves.
const derived = async (store: EventStore<JourneyEvent>, youthIds: ReadonlyArray<YouthId>) => {
  const states: Record<string, unknown> = {}
  const counts: Record<string, number> = {}
  for (const youthId of youthIds) {
    const read = await store.readStream(journeyStreamName(youthId))()
    if (isLeft(read)) throw new Error(read.left._tag)
    const events = read.right.map(({ event }) => event)
    for (const event of events)
      if (event.type !== 'PersonalDataErased') counts[event.type] = (counts[event.type] ?? 0) + 1
    const state: JourneyState = foldJourney(events)
    states[youthId] = state.status === 'unregistered' ? state : { ...state, personalDataErased: null }
  }
  return { states, counts }
}

const setup = () => {
  const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
  const vault = createVault({ keyStore: getInMemoryKeyStore() })
  const handle = createJourneyCommandHandler({ store, vault })
  return { store, vault, handle }
}

describe('erasure and the indicators', () => {
  it('erasing any subset of people leaves every derived fact and count unchanged (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            stages: fc.integer({ min: 1, max: journeyStages }),
            erase: fc.boolean(),
            tenant: fc.constantFrom('ml-a', 'ml-b'),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (journeys) => {
          const { store, vault, handle } = setup()
          const people = journeys.map(({ tenant }, n) => fictitiousPerson(n, tenant))
          for (const [n, person] of people.entries()) await writeJourney(handle, person, journeys[n]?.stages)
          const youthIds = people.map((p) => p.youthId)
          const before = await derived(store, youthIds)

          for (const [n, person] of people.entries()) {
            if (journeys[n]?.erase !== true) continue
            const { youthId, missionLocaleId } = person
            const erased = await erasePersonalData({
              vault,
              handle,
              store,
              youthId,
              missionLocaleId,
              on: '2024-09-01' as never,
              commandId: `erase-${youthId}`,
            })()
            expect(isLeft(erased)).toBe(false)
          }

          expect(await derived(store, youthIds)).toEqual(before)
          const all = await store.readAll()()
          if (isLeft(all)) throw new Error(all.left._tag)
          expect(all.right.filter(({ event }) => event.type === 'PersonalDataErased')).toHaveLength(
            journeys.filter((j) => j.erase).length,
          )
          await store.close()
        },
      ),
      { numRuns: 25 },
    )
  })
})
