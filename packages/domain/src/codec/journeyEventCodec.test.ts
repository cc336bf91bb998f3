import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { JourneyEvent } from '../model/events.js'
import { arbAnyEvent } from '../testing/arbitraries.js'
import { journeyFixture } from '../testing/fixtures.js'
import { sealAgeLimitsForTest } from '../testing/openedAgeLimits.js'
import { journeyEventCodec, journeyEventVersions } from './journeyEventCodec.js'
import { journeyEventUpcasters } from './upcasters.js'

const j = journeyFixture()
const registered = j.event('YouthRegistered', '2025-01-10', {
  counsellorId: 'c-1',
  ageBand: '18-21',
  sealedAgeLimits: sealAgeLimitsForTest({ ageLimitOn: '2031-06-15', cejAgeLimitOn: '2031-06-15' }),
  personalData: null,
})
const { type: _type, ageBand: _band, sealedAgeLimits: _sealed, ...common } = registered
const v2 = { ...common, ageAtRegistration: 19, ageLimitOn: '2031-06-15', cejAgeLimitOn: '2035-06-15' }

describe('journey event codec', () => {
  test('every evolved event type has one described step from each old version, 1 to current - 1', () => {
    for (const [type, steps] of Object.entries(journeyEventUpcasters)) {
      const current = (journeyEventVersions as Readonly<Record<string, number>>)[type]
      expect(current, type).toBeGreaterThan(1)
      expect(Object.keys(steps).map(Number), type).toEqual(
        Array.from({ length: (current ?? 1) - 1 }, (_, i) => i + 1),
      )
      for (const step of Object.values(steps)) expect(step.description.length, type).toBeGreaterThan(20)
    }
  })

  test('every event type has a schema version; YouthRegistered is at version 3', () => {
    expect(Object.keys(journeyEventVersions).sort()).toEqual(JourneyEvent.types.map((c) => c.name).sort())
    expect(journeyEventVersions.YouthRegistered).toBe(3)
    expect(journeyEventVersions.ProposalOffered).toBe(3)
    expect(journeyEventVersions.TrainingStarted).toBe(2)
    expect(journeyEventVersions.FollowUpKept).toBe(1)
    expect(journeyEventCodec.versions).toBe(journeyEventVersions)
  })

  test('encode writes the type and version beside the data: no age, no age limit in clear', () => {
    const encoded = journeyEventCodec.encode(registered)
    expect(encoded).toEqual({
      _tag: 'Right',
      right: {
        type: 'YouthRegistered',
        schemaVersion: 3,
        data: {
          youthId: 'y-1',
          missionLocaleId: 'ml-1',
          on: '2025-01-10',
          counsellorId: 'c-1',
          ageBand: '18-21',
          sealedAgeLimits: registered.sealedAgeLimits,
          personalData: null,
        },
      },
    })
  })

  test('YouthRegistered version 2 is upcast: the age becomes its band, the limits stay in memory only', () => {
    expect(journeyEventCodec.decode({ type: 'YouthRegistered', schemaVersion: 2, data: v2 })).toEqual({
      _tag: 'Right',
      right: {
        ...common,
        type: 'YouthRegistered',
        ageBand: '18-21',
        sealedAgeLimits: null,
        legacyAgeLimits: { ageLimitOn: '2031-06-15', cejAgeLimitOn: '2035-06-15' },
      },
    })
  })

  test('YouthRegistered version 1 is upcast twice: the RQTH age limit equals the general one', () => {
    const { cejAgeLimitOn: _dropped, ...v1 } = v2
    expect(journeyEventCodec.decode({ type: 'YouthRegistered', schemaVersion: 1, data: v1 })).toMatchObject({
      _tag: 'Right',
      right: { ageBand: '18-21', legacyAgeLimits: { ageLimitOn: '2031-06-15', cejAgeLimitOn: '2031-06-15' } },
    })
  })

  test('a version 2 YouthRegistered without its RQTH age limit is invalid', () => {
    const { cejAgeLimitOn: _dropped, ...v1 } = v2
    const decoded = journeyEventCodec.decode({ type: 'YouthRegistered', schemaVersion: 2, data: v1 })
    expect(decoded).toEqual({
      _tag: 'Left',
      left: {
        _tag: 'InvalidPayload',
        type: 'YouthRegistered',
        schemaVersion: 2,
        paths: ['legacyAgeLimits.cejAgeLimitOn: expected LocalDate, got nothing'],
      },
    })
  })

  test('a proposal or training entry of version 1 reads with no training link; version 2 keeps its link', () => {
    const base = { youthId: 'y-1', missionLocaleId: 'ml-1', on: '2025-01-10' }
    const offered = {
      ...base,
      proposalId: 'p-1',
      theme: 'training',
      respondBy: '2025-02-01',
      counsellorId: 'c-1',
    }
    expect(journeyEventCodec.decode({ type: 'ProposalOffered', schemaVersion: 1, data: offered })).toEqual({
      _tag: 'Right',
      right: { type: 'ProposalOffered', ...offered, training: null, partnerOffer: null },
    })
    const started = { ...base, trainingId: 't-1', proposalId: null, qualifying: true, plannedEndOn: null }
    expect(journeyEventCodec.decode({ type: 'TrainingStarted', schemaVersion: 1, data: started })).toEqual({
      _tag: 'Right',
      right: { type: 'TrainingStarted', ...started, training: null },
    })
    const training = { actionId: 'AF_1', sessionId: 'SE_1' }
    expect(
      journeyEventCodec.decode({ type: 'ProposalOffered', schemaVersion: 2, data: { ...offered, training } }),
    ).toEqual({
      _tag: 'Right',
      right: { type: 'ProposalOffered', ...offered, training, partnerOffer: null },
    })
    // Version 2 without its link is not a version 2 event.
    expect(journeyEventCodec.decode({ type: 'ProposalOffered', schemaVersion: 2, data: offered })._tag).toBe(
      'Left',
    )
  })

  test('a proposal of version 2 reads with no partner offer; version 3 keeps its partner offer', () => {
    const offered = {
      youthId: 'y-1',
      missionLocaleId: 'ml-1',
      on: '2025-01-10',
      proposalId: 'p-1',
      theme: 'employment',
      respondBy: '2025-02-01',
      counsellorId: 'c-1',
      training: null,
    }
    expect(journeyEventCodec.decode({ type: 'ProposalOffered', schemaVersion: 2, data: offered })).toEqual({
      _tag: 'Right',
      right: { type: 'ProposalOffered', ...offered, partnerOffer: null },
    })
    const partnerOffer = { partner: 'france-travail', offerId: '187XKPL' }
    const event = { type: 'ProposalOffered' as const, ...offered, partnerOffer }
    expect(journeyEventCodec.encode(event as never)).toEqual({
      _tag: 'Right',
      right: { type: 'ProposalOffered', schemaVersion: 3, data: { ...offered, partnerOffer } },
    })
    expect(
      journeyEventCodec.decode({
        type: 'ProposalOffered',
        schemaVersion: 3,
        data: { ...offered, partnerOffer },
      }),
    ).toEqual({ _tag: 'Right', right: event })
    // Version 3 without its partner offer, or with another partner's, is not a version 3 event.
    expect(journeyEventCodec.decode({ type: 'ProposalOffered', schemaVersion: 3, data: offered })._tag).toBe(
      'Left',
    )
    expect(
      journeyEventCodec.decode({
        type: 'ProposalOffered',
        schemaVersion: 3,
        data: { ...offered, partnerOffer: { partner: 'anpe', offerId: '1' } },
      })._tag,
    ).toBe('Left')
  })

  test('invalid payloads name each wrong field with its path', () => {
    const decoded = journeyEventCodec.decode({
      type: 'ProposalOffered',
      schemaVersion: 1,
      data: {
        youthId: 'y-1',
        missionLocaleId: 'ml-1',
        on: '2025-01-10',
        proposalId: 'p-1',
        theme: 'sailing',
        respondBy: '2025-02-30',
        counsellorId: 'c-1',
      },
    })
    expect(decoded._tag === 'Left' && decoded.left).toEqual({
      _tag: 'InvalidPayload',
      type: 'ProposalOffered',
      schemaVersion: 1,
      paths: [
        'theme: expected Theme, got a string of 7 characters',
        'respondBy: expected LocalDate, got a string of 10 characters',
      ],
    })
  })

  test('nested sealed data and nullable fields are reported at the field', () => {
    const decoded = journeyEventCodec.decode({
      type: 'FollowUpKept',
      schemaVersion: 1,
      data: {
        youthId: 'y-1',
        missionLocaleId: 'ml-1',
        on: '2025-01-10',
        followUpId: 'f 1',
        comment: { keyId: 'k' },
      },
    })
    expect(decoded._tag === 'Left' && decoded.left._tag === 'InvalidPayload' && decoded.left.paths).toEqual([
      'followUpId: expected FollowUpId, got a string of 3 characters',
      'comment: expected (Sealed | null), got an object',
    ])
  })

  test('unknown types and unsupported versions are typed errors', () => {
    expect(journeyEventCodec.decode({ type: 'YouthAbducted', schemaVersion: 1, data: {} })).toEqual({
      _tag: 'Left',
      left: { _tag: 'UnknownEventType', type: 'YouthAbducted' },
    })
    expect(journeyEventCodec.decode({ type: 'FollowUpDue', schemaVersion: 2, data: {} })).toEqual({
      _tag: 'Left',
      left: { _tag: 'UnsupportedSchemaVersion', type: 'FollowUpDue', schemaVersion: 2, current: 1 },
    })
    expect(journeyEventCodec.decode({ type: 'FollowUpDue', schemaVersion: 0, data: {} })._tag).toBe('Left')
  })

  test('encode refuses an event that does not satisfy its codec', () => {
    const bad = { ...registered, ageBand: 'soon' } as unknown as JourneyEvent
    const encoded = journeyEventCodec.encode(bad)
    expect(encoded._tag === 'Left' && encoded.left).toEqual({
      _tag: 'InvalidPayload',
      type: 'YouthRegistered',
      schemaVersion: 3,
      paths: ['ageBand: expected AgeBand, got a string of 4 characters'],
    })
  })

  test('encode refuses clear age limits: they are only read from a store not yet migrated', () => {
    const legacy = {
      ...registered,
      legacyAgeLimits: { ageLimitOn: '2031-06-15', cejAgeLimitOn: '2031-06-15' },
    }
    const encoded = journeyEventCodec.encode(legacy as JourneyEvent)
    expect(encoded._tag === 'Left' && encoded.left._tag).toBe('InvalidPayload')
  })

  test('property: encode then decode is the identity, for every event type', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(arbAnyEvent, (event) => {
        seen.add(event.type)
        const encoded = journeyEventCodec.encode(event)
        expect(encoded._tag).toBe('Right')
        if (encoded._tag === 'Left') return
        const json = JSON.parse(JSON.stringify(encoded.right)) as typeof encoded.right
        expect(journeyEventCodec.decode(json)).toEqual({ _tag: 'Right', right: event })
      }),
      { numRuns: 500 },
    )
    expect(seen.size).toBe(JourneyEvent.types.length)
  })

  test('property: a corrupted payload is rejected with readable paths, never thrown', () => {
    // Values no field accepts, or the field removed altogether.
    const corruptions = fc.constantFrom<unknown>({ a: 1 }, [], ' ', 'remove')
    fc.assert(
      fc.property(arbAnyEvent, corruptions, fc.nat(), (event, junk, pick) => {
        const encoded = journeyEventCodec.encode(event)
        if (encoded._tag === 'Left') throw new Error('encode failed')
        const data = encoded.right.data as Record<string, unknown>
        const keys = Object.keys(data)
        const key = keys[pick % keys.length]!
        const { [key]: _removed, ...rest } = data
        const decoded = journeyEventCodec.decode({
          ...encoded.right,
          data: junk === 'remove' ? rest : { ...data, [key]: junk },
        })
        expect(decoded._tag === 'Left' && decoded.left._tag).toBe('InvalidPayload')
        if (decoded._tag === 'Left' && decoded.left._tag === 'InvalidPayload')
          // The field itself, or one inside it (a sealed value's own fields).
          expect(decoded.left.paths.some((p) => new RegExp(`^${key}(\\.\\w+)?: expected `).test(p))).toBe(
            true,
          )
        expect(journeyEventCodec.decode({ ...encoded.right, data: junk })._tag).toBe('Left')
      }),
      { numRuns: 300 },
    )
  })
})
