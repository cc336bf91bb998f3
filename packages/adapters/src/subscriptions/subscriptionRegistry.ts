import type { SubscribeOptions, Subscription } from '@parcours/domain'
import { createLogSubscription, type LogReader, type LogRow, type RowDecoder } from './logSubscription.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** A store's open subscriptions, so that closing the store ends them all. */
export interface SubscriptionRegistry<E extends { readonly type: string }> {
  /** Opens a subscription and remembers it until it ends. */
  readonly open: (options: SubscribeOptions) => Subscription<E>
  /** Closes every open subscription; later `open`s fail at once. */
  readonly closeAll: () => Promise<void>
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/** Opens log subscriptions over one reader and remembers them until they end. */
export const createSubscriptionRegistry = <E extends { readonly type: string }, R extends LogRow>(
  decode: RowDecoder<E, R>,
  reader: LogReader<R>,
): SubscriptionRegistry<E> => {
  const open = new Set<Subscription<E>>()
  let closed = false
  return {
    open: (options) => {
      const subscription: Subscription<E> = createLogSubscription(decode, reader, options, () =>
        open.delete(subscription),
      )
      if (closed) void subscription.close()
      else open.add(subscription)
      return subscription
    },
    closeAll: async () => {
      closed = true
      await Promise.all([...open].map((s) => s.close()))
    },
  }
}
