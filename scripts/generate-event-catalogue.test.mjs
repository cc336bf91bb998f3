import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { docCommentsOf, fieldsOf, renderCatalogue, renderType } from './generate-event-catalogue.mjs'

// io-ts as the domain resolves it (the root package does not depend on it).
const t = createRequire(join(import.meta.dirname, '../packages/domain/package.json'))('io-ts')

// A family of two events: a branded id, a keyof vocabulary, a nullable nested object, an optional
// field from an intersection with a partial, and one upcast step.
const ParcelId = t.brand(t.string, (s) => s.startsWith('p-'), 'ParcelId')
const Size = t.keyof({ small: null, large: null }, 'Size')
const ParcelSent = t.intersection(
  [
    t.type(
      {
        type: t.literal('ParcelSent'),
        parcelId: ParcelId,
        size: Size,
        to: t.union([t.type({ city: t.string, floor: t.number }), t.null]),
      },
      'ParcelSent',
    ),
    t.partial({ note: t.string }),
  ],
  'ParcelSent',
)
const ParcelLost = t.type({ type: t.literal('ParcelLost'), parcelId: ParcelId }, 'ParcelLost')
const ParcelEvent = t.union([ParcelSent, ParcelLost], 'ParcelEvent')

// Their sources, for the doc comments.
const src = mkdtempSync(join(tmpdir(), 'event-catalogue-'))
afterAll(() => rmSync(src, { recursive: true, force: true }))
mkdirSync(join(src, 'model'))
writeFileSync(
  join(src, 'model/parcels.ts'),
  [
    '/** Id of a parcel. */',
    "export const ParcelId = t.brand(t.string, isParcelId, 'ParcelId')",
    '/** How big a parcel is. */',
    "export const Size = t.keyof({ small: null, large: null }, 'Size')",
    '/** A parcel left the depot. */',
    'export const ParcelSent = t.type({',
    '  /** Where it goes; null for a pick-up. */',
    '  to: t.union([Address, t.null]),',
    '})',
    '/** A parcel was lost. */',
    'export const ParcelLost = t.type({})',
    '/** Every event of a parcel. */',
    'export const ParcelEvent = t.union([ParcelSent, ParcelLost])',
    'const internal = 1 // not exported: not read',
    '',
  ].join('\n'),
)
writeFileSync(join(src, 'model/parcels.test.ts'), '/** Not read. */\nexport const ParcelTest = 1\n')

describe('generate-event-catalogue', () => {
  it('flattens an intersection of a type and a partial into fields, the partial ones optional', () => {
    expect(fieldsOf(ParcelSent).map((f) => [f.name, f.optional])).toEqual([
      ['type', false],
      ['parcelId', false],
      ['size', false],
      ['to', false],
      ['note', true],
    ])
  })

  it('renders named codecs as links it collects, and anonymous ones by their structure', () => {
    const refs = new Set()
    const to = fieldsOf(ParcelSent).find((f) => f.name === 'to')
    expect(renderType(to.codec, refs)).toBe('{ city: `string`; floor: `number` } \\| `null`')
    expect(renderType(ParcelId, refs)).toBe('[`ParcelId`](#parcelid)')
    expect(renderType(Size, refs, { expand: true, or: ', ' })).toBe('`"small"`, `"large"`')
    expect(renderType(t.readonlyArray(t.literal(3)), refs)).toBe('`3`[]')
    expect([...refs].map((r) => r.name)).toEqual(['ParcelId'])
  })

  it('reads the doc comments of exported constants and of their properties, not of tests', () => {
    const comments = docCommentsOf(src)
    expect(comments.get('ParcelSent')).toEqual({
      doc: 'A parcel left the depot.',
      fields: new Map([['to', 'Where it goes; null for a pick-up.']]),
    })
    expect(comments.has('internal')).toBe(false)
    expect(comments.has('ParcelTest')).toBe(false)
  })

  it('writes each event with its version, fields, upcast steps, and the named types it uses', () => {
    const markdown = renderCatalogue({
      families: [
        {
          title: 'Parcel events',
          union: ParcelEvent,
          versions: { ParcelSent: 2, ParcelLost: 1 },
          upcasters: { ParcelSent: { 1: { description: 'Adds `size`: small.' } } },
        },
      ],
      comments: docCommentsOf(src),
      intro: 'Parcels.',
    })
    expect(markdown).toContain('## Parcel events\n\nEvery event of a parcel.')
    expect(markdown).toContain('| [ParcelSent](#parcelsent) | 2 |')
    expect(markdown).toContain('### ParcelSent\n\nA parcel left the depot.\n\nCurrent schema version: 2.')
    expect(markdown).toContain(
      '| `to` | { city: `string`; floor: `number` } \\| `null` | Where it goes; null for a pick-up. |',
    )
    expect(markdown).toContain('| `note` (optional) | `string` |  |')
    expect(markdown).toContain('Earlier versions, upcast on read:\n\n- 1 → 2: Adds `size`: small.')
    expect(markdown).not.toMatch(/### ParcelLost[^#]*Earlier versions/)
    expect(markdown).toContain('### ParcelId\n\nId of a parcel.\n\n`string`, checked')
    expect(markdown).toContain('### Size\n\nHow big a parcel is.\n\nOne of `"small"`, `"large"`.')
  })
})
