import {
  convertToCommandError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  WrongExpectedVersionError,
} from '@eventstore/db-client'
import type { ExpectedRevision, StoreError } from '@parcours/domain'
import { messageOf } from '../interop/index.js'
import { fromClientActual } from './expectedRevision.js'

// ---------------------------------------------------------------------------------------------
// utils: what the client throws, as the port's typed errors. Only this module looks at the
// client's error classes.
// ---------------------------------------------------------------------------------------------

/** The client's error for anything it threw or a raw gRPC status. */
const commandError = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? convertToCommandError(error as Error) : error

/**
 * The port's error for a failed call on a stream (append, read); an append passes the size of its
 * batch, which the server's refusal does not repeat.
 */
export const toStoreError = (
  error: unknown,
  streamName: string,
  expected?: ExpectedRevision,
  size?: number,
): StoreError => {
  const converted = commandError(error)
  if (converted instanceof MaxAppendSizeExceededError)
    return { _tag: 'AppendTooLarge', streamName, size: size ?? 0, maxSize: converted.maxAppendSize }
  if (converted instanceof WrongExpectedVersionError && expected !== undefined) {
    return {
      _tag: 'WrongExpectedRevision',
      streamName,
      expected,
      actual: fromClientActual(converted.actualVersion),
    }
  }
  if (converted instanceof StreamDeletedError)
    return { _tag: 'StreamDeleted', streamName: converted.streamName ?? streamName }
  return unavailable(converted)
}

/** StoreUnavailable for a failure that says nothing about a stream (the server is gone, refused, …). */
export const unavailable = (error: unknown): StoreError => ({
  _tag: 'StoreUnavailable',
  message: `EventStoreDB: ${messageOf(error)}`,
  cause: error,
})
