import type { Subscription, SubscriptionMessage } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * A Subscription over a message generator whose `finally` calls `finish`. `close()` finishes
 * first, then ends an iteration that never started or sits between messages; a pending `next`
 * ends when what it waits on is finished.
 */
export const subscriptionOf = <E>(
  messages: AsyncGenerator<SubscriptionMessage<E>>,
  finish: () => void,
): Subscription<E> => ({
  [Symbol.asyncIterator]: () => messages,
  close: async () => {
    finish()
    void messages.return(undefined)
  },
})
