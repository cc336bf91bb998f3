import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'

// ---------------------------------------------------------------------------------------------
// interop: the one bridge from drivers that throw (better-sqlite3, @eventstore/db-client, HTTP
// clients) to error values, in the manner of fp-ts `tryCatch`
// ---------------------------------------------------------------------------------------------

/** What a driver threw, as one line. */
export const messageOf = (thrown: unknown): string =>
  thrown instanceof Error ? thrown.message : String(thrown)

/**
 * Runs a driver call that may throw; what it throws becomes `onThrow(thrown)` as a `Left`.
 *
 * @example
 * import { messageOf, tryDriver } from '@parcours/adapters/kit'
 *
 * const parsed = tryDriver(
 *   () => JSON.parse('{') as unknown,
 *   (thrown) => ({ _tag: 'StoreUnavailable', reason: messageOf(thrown) }) as const,
 * )
 * // parsed._tag === 'Left', parsed.left.reason is the parser's message
 */
export const tryDriver = <E, A>(run: () => A, onThrow: (thrown: unknown) => E): Either<E, A> => {
  try {
    return right(run())
  } catch (thrown) {
    return left(onThrow(thrown))
  }
}

/** The same bridge for a driver call that returns a promise: a rejection becomes a `Left`. */
export const tryDriverAsync =
  <E, A>(run: () => Promise<A>, onThrow: (thrown: unknown) => E): TaskEither<E, A> =>
  async () => {
    try {
      return right(await run())
    } catch (thrown) {
      return left(onThrow(thrown))
    }
  }
