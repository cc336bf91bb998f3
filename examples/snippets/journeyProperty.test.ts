import * as fc from 'fast-check'
import { expect, test } from 'vitest'
import { foldJourney } from '@parcours/domain'
import { arbJourney } from '@parcours/domain/testing'

test('a generated journey replays to its state', () => {
  fc.assert(
    fc.property(arbJourney(), (j) => {
      expect(foldJourney(j.events)).toEqual(j.state)
    }),
  )
})
