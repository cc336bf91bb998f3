import type { AppendExpectedRevision } from '@eventstore/db-client'
import type { ActualRevision, ExpectedRevision } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// utils: the port's expected and actual revisions against the client's.
// ---------------------------------------------------------------------------------------------

/**
 * The client's expectation for ours, or undefined when the wire cannot carry it (a negative exact
 * revision other than -1n, which no stream can be at): the adapter then answers by itself.
 */
export const toClientExpected = (expected: ExpectedRevision): AppendExpectedRevision | undefined => {
  switch (expected) {
    case 'any':
      return 'any'
    case 'no-stream':
      return 'no_stream'
    case 'exists':
      return 'stream_exists'
    default:
      if (expected === -1n) return 'no_stream'
      return expected < -1n ? undefined : expected
  }
}

/** Our actual revision for the client's (`'no_stream'`, or -1n as delete trailers carry it). */
export const fromClientActual = (actual: bigint | string | undefined): ActualRevision =>
  typeof actual === 'bigint' && actual >= 0n ? actual : 'no-stream'
