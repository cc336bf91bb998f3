import { describe, expect, it } from 'vitest'
import * as main from '../index.js'
import * as kit from './index.js'

const buildingBlocks = [
  'resolveAppend',
  'expectationHolds',
  'actualRevision',
  'readLimit',
  'encodeEvents',
  'decodeStoredEvent',
  'decodeStoredEvents',
  'frozenCopy',
  'createLogSubscription',
  'createSubscriptionRegistry',
  'createAppendSignal',
  'storedEventDecoder',
  'subscriptionOf',
  'tryDriver',
  'tryDriverAsync',
  'messageOf',
  'sealEntry',
  'brokenLink',
  'chainHash',
  'GENESIS',
]

describe('the ./kit subpath', () => {
  it('holds the building blocks of a store adapter', () => {
    for (const name of buildingBlocks) expect(kit, name).toHaveProperty(name)
  })

  it('keeps them out of the main entry, which holds the stores and handlers', () => {
    for (const name of buildingBlocks) expect(main, name).not.toHaveProperty(name)
    for (const name of ['getInMemoryEventStore', 'getSqliteEventStore', 'createJourneyCommandHandler'])
      expect(main, name).toHaveProperty(name)
  })
})
