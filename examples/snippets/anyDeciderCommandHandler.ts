// The adapters README's createCommandHandler: the same shell for a decider of your own, here a
// shelf whose stock must never go below zero.
import type { Either } from 'fp-ts/lib/Either.js'
import { left, right } from 'fp-ts/lib/Either.js'
// #region readme
import { createCommandHandler, getInMemoryEventStore } from '@parcours/adapters'
// #endregion readme
import type { Decider, EventCodec } from '@parcours/domain'

type ShelfCommand = { readonly type: 'Take'; readonly shelfId: string; readonly count: number }
type ShelfEvent = { readonly type: 'Taken'; readonly count: number }
const decider: Decider<ShelfCommand, number, ShelfEvent, 'OutOfStock'> = {
  initialState: 10,
  evolve: (stock, e) => stock - e.count,
  decide: (c, stock): Either<'OutOfStock', ReadonlyArray<ShelfEvent>> =>
    c.count > stock ? left('OutOfStock') : right([{ type: 'Taken', count: c.count }]),
}
const codec: EventCodec<ShelfEvent> = {
  versions: { Taken: 1 },
  encode: (e) => right({ type: e.type, schemaVersion: 1, data: { count: e.count } }),
  decode: ({ type, data }) =>
    type === 'Taken' &&
    typeof data === 'object' &&
    data !== null &&
    'count' in data &&
    typeof data.count === 'number'
      ? right({ type, count: data.count })
      : left({ _tag: 'UnknownEventType', type }),
}

/** Takes 3 from a shelf of 10; resolves to the events stored. */
export const main = async () => {
  const commandId = 'cmd-1'
  const command = { type: 'Take', shelfId: 's-1', count: 3 } as const
  const correlationId = 'req-1'
  // #region readme

  const store = getInMemoryEventStore({ codec }) // or any other store
  const handle = createCommandHandler({
    store,
    decider, // { initialState, evolve, decide }
    streamName: (command) => `shelf-${command.shelfId}`,
    metadata: (command) => ({ tenant: command.shelfId }),
    maxRetries: 5, // default
    backoff: { baseMs: 10 }, // full jitter, doubling; `random` and `sleep` injectable
  })

  const result = await handle({ commandId, command, correlationId })()
  if (result._tag === 'Left') {
    // 'Rejected' (result.left.error is the decider's error), 'ConcurrencyConflict', or a store error
  } else {
    result.right.events // the events this command stored: id, stream, revision, event, metadata
  }
  // #endregion readme
  await store.close()
  if (result._tag === 'Left') throw new Error(result.left._tag)
  return result.right.events
}
