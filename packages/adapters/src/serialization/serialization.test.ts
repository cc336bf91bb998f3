import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  cartCheckedOut,
  itemAdded,
  itemRemoved,
  testEventCodec,
  type TestEvent,
} from '@parcours/adapters/testing'
import type { EventMetadata } from '@parcours/domain'
import { decodeStoredEvent } from './decodeStoredEvent.js'
import { encodeEvents } from './encodeEvents.js'
import type { StoredEvent } from './storedEvent.js'

const row = (overrides: Partial<StoredEvent>): StoredEvent => ({
  id: 'id-1',
  streamName: 'cart-1',
  revision: 3n,
  position: 42n,
  type: 'ItemRemoved',
  data: '{"type":"ItemRemoved","sku":"a"}',
  metadata: '{"schemaVersion":1}',
  recordedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
})

const eventArb: fc.Arbitrary<TestEvent> = fc.oneof(
  fc.tuple(fc.string(), fc.integer({ min: 1, max: 1000 })).map(([sku, n]) => itemAdded(sku, n)),
  fc.string().map(itemRemoved),
  fc.integer().map(cartCheckedOut),
)
const metadataArb: fc.Arbitrary<EventMetadata | undefined> = fc.option(
  fc.record(
    { correlationId: fc.string(), causationId: fc.string(), tenant: fc.string() },
    { requiredKeys: [] },
  ),
  { nil: undefined },
)

describe('serialization', () => {
  it('property: what encodeEvents writes, decodeStoredEvent reads back unchanged', () => {
    fc.assert(
      fc.property(eventArb, metadataArb, (event, metadata) => {
        const encoded = encodeEvents(testEventCodec, 's', [
          { id: 'x', event, ...(metadata === undefined ? {} : { metadata }) },
        ])
        if (encoded._tag === 'Left') throw new Error('valid events encode')
        const e = encoded.right[0] as (typeof encoded.right)[number]
        const decoded = decodeStoredEvent(
          testEventCodec,
          row({ id: e.id, type: e.type, data: e.data, metadata: e.metadata }),
        )
        expect(decoded).toMatchObject({
          _tag: 'Right',
          right: {
            id: 'x',
            event,
            metadata: metadata ?? {},
            schemaVersion: testEventCodec.versions[event.type],
          },
        })
      }),
      { numRuns: 200 },
    )
  })

  it('refuses the whole batch at the first event failing its codec, naming its index and paths', () => {
    const bad = { type: 'CartCheckedOut', totalCents: 1.5 } as unknown as TestEvent
    expect(
      encodeEvents(testEventCodec, 'cart-1', [
        { id: 'a', event: itemAdded('a') },
        { id: 'b', event: bad },
      ]),
    ).toEqual({
      _tag: 'Left',
      left: {
        _tag: 'InvalidEvent',
        streamName: 'cart-1',
        index: 1,
        error: { _tag: 'InvalidPayload', type: 'CartCheckedOut', schemaVersion: 1, paths: ['totalCents'] },
      },
    })
  })

  it('reads bytes as UTF-8 JSON, and takes a row without metadata as schema version 1', () => {
    const bytes = new TextEncoder().encode('{"type":"ItemAdded","sku":"é","qty":2}')
    expect(
      decodeStoredEvent(testEventCodec, row({ type: 'ItemAdded', data: bytes, metadata: undefined })),
    ).toMatchObject({
      _tag: 'Right',
      right: { event: itemAdded('é', 2), schemaVersion: 1, metadata: {} },
    })
  })

  it.each([
    ['data that is not JSON', { data: '{' }, /data is not JSON/, []],
    ['bytes that are not UTF-8', { data: new Uint8Array([0xff, 0xfe]) }, /data is not JSON/, []],
    ['an unknown type', { type: 'Nope' }, /unknown event type Nope/, []],
    ['a payload failing its codec', { data: '{"type":"ItemRemoved"}' }, /fails its codec/, ['sku']],
    [
      'metadata failing its codec',
      { metadata: '{"schemaVersion":"one"}' },
      /metadata fails its codec/,
      undefined,
    ],
    [
      'a schema version from the future',
      { metadata: '{"schemaVersion":2}' },
      /unsupported schema version 2/,
      [],
    ],
  ] as const)(
    'reports %s as DecodeFailed with stream, revision, position and type',
    (_, overrides, reason, paths) => {
      const decoded = decodeStoredEvent(testEventCodec, row(overrides))
      expect(decoded).toMatchObject({
        _tag: 'Left',
        left: {
          _tag: 'DecodeFailed',
          streamName: 'cart-1',
          revision: 3n,
          position: 42n,
          eventType: 'type' in overrides ? overrides.type : 'ItemRemoved',
          reason: expect.stringMatching(reason),
        },
      })
      if (paths !== undefined && decoded._tag === 'Left') expect(decoded.left.paths).toEqual(paths)
    },
  )

  it('property: a trusted read of what encodeEvents wrote gives what the full decode gives', () => {
    fc.assert(
      fc.property(eventArb, metadataArb, (event, metadata) => {
        const encoded = encodeEvents(testEventCodec, 's', [
          { id: 'x', event, ...(metadata === undefined ? {} : { metadata }) },
        ])
        if (encoded._tag === 'Left') throw new Error('valid events encode')
        const e = encoded.right[0] as (typeof encoded.right)[number]
        const stored = row({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })
        expect(decodeStoredEvent(testEventCodec, stored, { trusted: true })).toEqual(
          decodeStoredEvent(testEventCodec, stored),
        )
      }),
    )
  })

  it('trusted, consecutive rows with the same metadata share one frozen metadata object, others get their own', () => {
    const trusted = (metadata: string) =>
      decodeStoredEvent(testEventCodec, row({ metadata }), { trusted: true })
    const metadataOf = (decoded: ReturnType<typeof trusted>) => {
      if (decoded._tag === 'Left') throw new Error(decoded.left.reason)
      return decoded.right.metadata
    }
    const json = '{"schemaVersion":1,"tenant":"ml-shared"}'
    const [a, b] = [metadataOf(trusted(json)), metadataOf(trusted(json))]
    expect(a).toEqual({ tenant: 'ml-shared' })
    expect(b).toBe(a)
    expect(Object.isFrozen(a)).toBe(true)
    expect(metadataOf(trusted('{"schemaVersion":1,"tenant":"ml-other"}'))).toEqual({ tenant: 'ml-other' })
    // A version read before is still checked, the second time as the first.
    for (const _ of [1, 2])
      expect(trusted('{"schemaVersion":7,"tenant":"ml-shared"}')).toMatchObject({
        _tag: 'Left',
        left: { reason: expect.stringMatching(/schema version 7/) },
      })
  })

  it('trusted, still refuses a row that is not JSON, of an unknown type or version, and upcasts old versions', () => {
    const trusted = (overrides: Partial<StoredEvent>) =>
      decodeStoredEvent(testEventCodec, row(overrides), { trusted: true })
    expect(trusted({ data: '{not json' })).toMatchObject({
      _tag: 'Left',
      left: {
        _tag: 'DecodeFailed',
        streamName: 'cart-1',
        revision: 3n,
        reason: expect.stringMatching(/not JSON/),
      },
    })
    expect(trusted({ type: 'Nope' })).toMatchObject({
      _tag: 'Left',
      left: { reason: expect.stringMatching(/unknown event type/) },
    })
    expect(trusted({ metadata: '{"schemaVersion":7}' })).toMatchObject({
      _tag: 'Left',
      left: { reason: expect.stringMatching(/schema version 7/) },
    })
    expect(trusted({ data: '[1]' })).toMatchObject({ _tag: 'Left', left: { _tag: 'DecodeFailed' } })
    expect(trusted({ metadata: '{"schemaVersion":1,"tenant":3}' })).toMatchObject({
      _tag: 'Left',
      left: { reason: expect.stringMatching(/metadata/) },
    })
    expect(
      trusted({
        type: 'ItemAdded',
        data: '{"type":"ItemAdded","sku":"a","qty":2}',
        metadata: '{"schemaVersion":1}',
      }),
    ).toMatchObject({ _tag: 'Right', right: { event: { type: 'ItemAdded', sku: 'a', quantity: 2 } } })
  })
})
