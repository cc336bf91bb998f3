import { readFileSync } from 'node:fs'
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  journeyEventCodec,
  type JourneyEvent,
  type LocalDate,
  type MissionLocaleId,
  type YouthId,
} from '@parcours/domain'
import { createJourneyCommandHandler } from '../journeys/index.js'
import { startEsdbStandIn, type EsdbStandIn } from '../testing/index.js'
import { createVault, getInMemoryKeyStore } from '../vault/index.js'
import { getEventStoreDBEventStore } from './getEventStoreDBEventStore.js'

// An EventStoreDB log written by the previous version (YouthRegistered schema version 2, the age
// limits in clear): events there cannot be rewritten, so they are upcast on read. The log is the
// CLI's fixture of that version (packages/cli/src/store/fixtures/v2/events.json), replayed as is.

interface StoredEvent {
  readonly streamName: string
  readonly eventId: string
  readonly type: string
  readonly data: Record<string, unknown>
  readonly metadata: Record<string, unknown>
}

const fixture = JSON.parse(
  readFileSync(new URL('../../../cli/src/store/fixtures/v2/events.json', import.meta.url), 'utf8'),
) as ReadonlyArray<StoredEvent>

describe('an EventStoreDB log of the previous version', () => {
  let standIn: EsdbStandIn
  let raw: EventStoreDBClient
  beforeAll(async () => {
    standIn = await startEsdbStandIn()
    raw = EventStoreDBClient.connectionString(standIn.connectionString)
    for (const e of fixture)
      await raw.appendToStream(e.streamName, [
        jsonEvent({ id: e.eventId, type: e.type, data: e.data, metadata: e.metadata }),
      ])
  })
  afterAll(async () => {
    await raw.dispose()
    await standIn.stop()
  })

  it('is read upcast: the age as its band, the clear limits in memory only, every event valid', async () => {
    const store = getEventStoreDBEventStore({ client: raw, codec: journeyEventCodec })
    const all = await store.readAll()()
    expect(all._tag === 'Right' && all.right.length).toBe(fixture.length)
    const registrations = (all._tag === 'Right' ? all.right : [])
      .map((r) => r.event)
      .filter((e): e is Extract<JourneyEvent, { type: 'YouthRegistered' }> => e.type === 'YouthRegistered')
    expect(registrations.map((e) => [e.youthId, e.ageBand, e.sealedAgeLimits])).toEqual([
      ['y-1', '18-21', null],
      ['y-2', '22+', null],
      ['y-3', '22+', null],
      ['y-4', '22+', null],
    ])
    expect(registrations[1]?.legacyAgeLimits).toEqual({
      ageLimitOn: '2023-07-21',
      cejAgeLimitOn: '2027-07-21',
    })
    // What is held in memory is never written again: the codec refuses to encode it.
    expect(journeyEventCodec.encode(registrations[1] as JourneyEvent)._tag).toBe('Left')
  })

  it('keeps its time rules working from the upcast limits, and writes no clear limit back', async () => {
    const store = getEventStoreDBEventStore({ client: raw, codec: journeyEventCodec })
    const handle = createJourneyCommandHandler({
      store,
      vault: createVault({ keyStore: getInMemoryKeyStore() }),
    })
    const tick = (youthId: string) =>
      handle({
        commandId: `tick-2025-03-02-${youthId}`,
        command: {
          type: 'ApplyTimeRules',
          youthId: youthId as YouthId,
          missionLocaleId: 'ml-a' as MissionLocaleId,
          on: '2025-03-02' as LocalDate,
        },
      })()
    const y4 = await tick('y-4')
    expect(y4._tag === 'Right' && y4.right.events.at(-1)?.event).toMatchObject({
      type: 'JourneyClosed',
      reason: 'age-limit',
    })
    const y2 = await tick('y-2')
    expect(y2._tag === 'Right' && y2.right.events.some((e) => e.event.type === 'JourneyClosed')).toBe(false)
    const written = (y4._tag === 'Right' ? y4.right.events : []).map((e) => JSON.stringify(e.event))
    for (const line of written) expect(line).not.toMatch(/ageLimitOn|cejAgeLimitOn|ageAtRegistration/)
  })
})
