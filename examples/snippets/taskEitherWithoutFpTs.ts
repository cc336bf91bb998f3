// The adapters README's first block: a store call without fp-ts (append, then look at the Either).
import { getInMemoryEventStore } from '@parcours/adapters'
import { journeyEventCodec, type JourneyEvent } from '@parcours/domain'
import { journeyFixture } from '@parcours/domain/testing'

/** Appends one event to a new stream; resolves to the stream's next expected revision. */
export const main = async (): Promise<bigint> => {
  const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
  const j = journeyFixture('42', 'ml-lyon')
  const events = [
    {
      id: 'e-1',
      event: j.event('CounsellorAssigned', '2025-01-10', { counsellorId: 'c-1', previousCounsellorId: null }),
    },
  ]
  // #region readme
  const result = await store.append('journey-42', 'no-stream', events)() // note the final ()
  if (result._tag === 'Left')
    console.error(result.left._tag) // or isLeft(result) from fp-ts
  else console.log(result.right.nextExpectedRevision)
  // #endregion readme
  await store.close()
  if (result._tag === 'Left') throw new Error(result.left._tag)
  return result.right.nextExpectedRevision
}
