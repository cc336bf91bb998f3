import { randomUUID } from 'node:crypto'
import { isLeft, left } from 'fp-ts/lib/Either.js'
import type { EventStore, JourneyEvent, RecordedEvent } from '@parcours/domain'
import type { ProjectionSink } from '../sink/projectionSink.js'

// ---------------------------------------------------------------------------------------------
// Test support: filling a store with a recorded history, and a sink that fails on demand.
// ---------------------------------------------------------------------------------------------

/** Appends the events in their global order, one append each, as many writers would. */
export const appendAll = async (
  store: EventStore<JourneyEvent>,
  recorded: ReadonlyArray<RecordedEvent<JourneyEvent>>,
): Promise<void> => {
  for (const r of recorded) {
    const result = await store.append(r.streamName, 'any', [
      { id: randomUUID(), event: r.event, metadata: { tenant: r.event.missionLocaleId } },
    ])()
    if (isLeft(result))
      throw new Error(
        `append failed: ${JSON.stringify(result.left, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`,
      )
  }
}

/** Where a failing sink fails: before writing the batch, or after writing it (the caller still sees a failure). */
export type CrashPoint = 'before-write' | 'after-write'

/** A sink that fails its `failAt`-th commit (1-based), then works again. */
export const failingSink = (sink: ProjectionSink, failAt: number, point: CrashPoint): ProjectionSink => {
  let commits = 0
  return {
    ...sink,
    commit: (batch) => async () => {
      commits++
      if (commits !== failAt) return sink.commit(batch)()
      if (point === 'after-write') await sink.commit(batch)()
      return left({ _tag: 'SinkFailed', message: `injected crash at commit ${failAt} (${point})` })
    },
  }
}
