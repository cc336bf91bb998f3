import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getInMemoryEventStore } from '@parcours/adapters'
import {
  journeyEventCodec,
  type JourneyEvent,
  type MissionLocaleId,
  type LocalDate,
  type FollowUpId,
  type YouthId,
} from '@parcours/domain'
import { withWriteThroughCache } from './writeThroughCache.js'

const event = (n: number): JourneyEvent => ({
  type: 'FollowUpCancelled',
  youthId: 'y-1' as YouthId,
  missionLocaleId: 'ml-1' as MissionLocaleId,
  on: '2025-01-01' as LocalDate,
  followUpId: `f-${n}` as FollowUpId,
})

describe('write-through stream cache', () => {
  it('reads every stream slice exactly as the store it wraps', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<'forwards' | 'backwards'>('forwards', 'backwards'),
        fc.option(fc.nat(12), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        async (batches, direction, from, maxCount) => {
          const inner = getInMemoryEventStore({ codec: journeyEventCodec })
          const cached = withWriteThroughCache(inner)
          let n = 0
          for (const size of batches) {
            // Read between appends, as the command handler does, so the cache is filled then refreshed.
            await cached.readStream('s')()
            const events = Array.from({ length: size }, () => ({
              id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
              event: event(n),
            }))
            const r = await cached.append('s', 'any', events)()
            expect(r._tag).toBe('Right')
          }
          const options = {
            direction,
            ...(from === undefined ? {} : { fromRevision: BigInt(from) }),
            ...(maxCount === undefined ? {} : { maxCount }),
          }
          expect(await cached.readStream('s', options)()).toEqual(await inner.readStream('s', options)())
        },
      ),
      { numRuns: 60 },
    )
  })
})
