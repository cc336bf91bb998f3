import type { EventStoreDBClient } from '@eventstore/db-client'
import type { StreamsPb } from './protocol.js'
import { openRead, type ReadCall } from './rawRead.js'

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/**
 * The replies of a finite Read, in order. Leaving the loop early cancels the call, so the server
 * stops sending; a failed call throws the gRPC error.
 */
export async function* readReplies(
  client: EventStoreDBClient,
  request: StreamsPb.ReadReq,
  debugName: string,
): AsyncGenerator<StreamsPb.ReadResp, void, undefined> {
  const call: ReadCall = await openRead(client, request, debugName)
  let done = false
  try {
    for await (const reply of call as AsyncIterable<StreamsPb.ReadResp>) yield reply
    done = true
  } finally {
    if (!done) call.cancel()
  }
}
