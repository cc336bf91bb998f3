import { left, right } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { CodecError, EventCodec } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model: a small shop of events, independent of the journey domain, for the conformance suite.
// `ItemAdded` is at schema version 2; version 1 named the quantity `qty` and is upcast on read.
// ---------------------------------------------------------------------------------------------

interface PositiveIntBrand {
  readonly PositiveInt: unique symbol
}
const PositiveInt = t.brand(
  t.number,
  (n): n is t.Branded<number, PositiveIntBrand> => Number.isInteger(n) && n > 0,
  'PositiveInt',
)

/** An item was put in a cart (schema version 2). */
export const ItemAdded = t.type(
  { type: t.literal('ItemAdded'), sku: t.string, quantity: PositiveInt },
  'ItemAdded',
)
export type ItemAdded = t.TypeOf<typeof ItemAdded>

/** Version 1 of `ItemAdded`, as old rows still hold it. */
export const ItemAddedV1 = t.type(
  { type: t.literal('ItemAdded'), sku: t.string, qty: t.number },
  'ItemAddedV1',
)

/** An item was taken out of a cart. */
export const ItemRemoved = t.type({ type: t.literal('ItemRemoved'), sku: t.string }, 'ItemRemoved')
export type ItemRemoved = t.TypeOf<typeof ItemRemoved>

/** A cart was paid. */
export const CartCheckedOut = t.type(
  { type: t.literal('CartCheckedOut'), totalCents: t.Int },
  'CartCheckedOut',
)
export type CartCheckedOut = t.TypeOf<typeof CartCheckedOut>

/** Every event of the conformance suite. */
export type TestEvent = ItemAdded | ItemRemoved | CartCheckedOut

/** The event types of the conformance suite. */
export const testEventTypes = ['ItemAdded', 'ItemRemoved', 'CartCheckedOut'] as const

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/** A valid `ItemAdded`. */
export const itemAdded = (sku: string, quantity = 1): TestEvent => ({
  type: 'ItemAdded',
  sku,
  quantity: quantity as ItemAdded['quantity'],
})
/** A valid `ItemRemoved`. */
export const itemRemoved = (sku: string): TestEvent => ({ type: 'ItemRemoved', sku })
/** A valid `CartCheckedOut`. */
export const cartCheckedOut = (totalCents: number): TestEvent => ({
  type: 'CartCheckedOut',
  totalCents: totalCents as t.Int,
})

// ---------------------------------------------------------------------------------------------
// the codec
// ---------------------------------------------------------------------------------------------

const current: Record<string, t.Mixed> = { ItemAdded, ItemRemoved, CartCheckedOut }
const versions = { ItemAdded: 2, ItemRemoved: 1, CartCheckedOut: 1 } as const

const paths = (errors: t.Errors): ReadonlyArray<string> =>
  errors.map(
    (e) =>
      e.context
        .map((c) => c.key)
        .filter((k) => k !== '')
        .join('.') || '(root)',
  )

/** Brings an old schema version's payload to the current one. */
const upcast = (type: string, schemaVersion: number, data: unknown): unknown => {
  if (type === 'ItemAdded' && schemaVersion === 1) {
    const v1 = ItemAddedV1.decode(data)
    return v1._tag === 'Right' ? { type: 'ItemAdded', sku: v1.right.sku, quantity: v1.right.qty } : data
  }
  return data
}

/** The conformance suite's codec: validates on encode, upcasts `ItemAdded` v1 on decode. */
export const testEventCodec: EventCodec<TestEvent> = {
  versions,
  encode: (event) => {
    const type = (event as { readonly type: unknown }).type
    const codec = typeof type === 'string' ? current[type] : undefined
    if (codec === undefined) return left<CodecError>({ _tag: 'UnknownEventType', type: String(type) })
    const schemaVersion = versions[type as keyof typeof versions]
    const checked = codec.decode(event)
    if (checked._tag === 'Left')
      return left({ _tag: 'InvalidPayload', type: String(type), schemaVersion, paths: paths(checked.left) })
    return right({ type: String(type), schemaVersion, data: codec.encode(checked.right) as unknown })
  },
  decode: ({ type, schemaVersion, data }) => {
    const codec = current[type]
    if (codec === undefined) return left({ _tag: 'UnknownEventType', type })
    const latest = versions[type as keyof typeof versions]
    if (schemaVersion < 1 || schemaVersion > latest)
      return left({ _tag: 'UnsupportedSchemaVersion', type, schemaVersion, current: latest })
    const decoded = codec.decode(upcast(type, schemaVersion, data))
    if (decoded._tag === 'Left')
      return left({ _tag: 'InvalidPayload', type, schemaVersion, paths: paths(decoded.left) })
    return right(decoded.right as TestEvent)
  },
}
