import type { Direction, GlobalFilter, ReadStreamOptions } from '@parcours/domain'
import { readLimit } from '../readRules/index.js'
import type { AllPosition } from './allPosition.js'
import { sharedPb, streamsPb, type StreamsPb } from './protocol.js'
import { allOptions, allOptionsAt, serverFilter, type ServerFilter } from './serverFilter.js'

// ---------------------------------------------------------------------------------------------
// constructors: the Read requests the adapter sends. The client 6.2.1 sends `$all` reads without
// a filter, so the adapter builds them itself to filter on the server.
// ---------------------------------------------------------------------------------------------

const baseOptions = (direction: Direction | undefined): StreamsPb.ReadReq.Options =>
  new streamsPb.ReadReq.Options()
    .setReadDirection(
      direction === 'backwards'
        ? streamsPb.ReadReq.Options.ReadDirection.BACKWARDS
        : streamsPb.ReadReq.Options.ReadDirection.FORWARDS,
    )
    .setResolveLinks(false)
    .setUuidOption(new streamsPb.ReadReq.Options.UUIDOption().setString(new sharedPb.Empty()))

const countOf = (maxCount: number | undefined): string => {
  const limit = readLimit(maxCount)
  return (Number.isFinite(limit) ? limit : Number.MAX_SAFE_INTEGER).toString()
}

/** A read of one stream, from a revision (inclusive) in either direction. */
export const readStreamRequest = (streamName: string, options: ReadStreamOptions): StreamsPb.ReadReq => {
  const stream = new streamsPb.ReadReq.Options.StreamOptions().setStreamIdentifier(
    new sharedPb.StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(streamName, 'utf8'))),
  )
  if (options.fromRevision !== undefined)
    stream.setRevision((options.fromRevision < 0n ? 0n : options.fromRevision).toString())
  else if (options.direction === 'backwards') stream.setEnd(new sharedPb.Empty())
  else stream.setStart(new sharedPb.Empty())
  const req = baseOptions(options.direction)
    .setStream(stream)
    .setCount(countOf(options.maxCount))
    .setNoFilter(new sharedPb.Empty())
  return new streamsPb.ReadReq().setOptions(req)
}

/** A filtered read of `$all`: the caller stops reading once it has what it needs. */
export const readAllRequest = (
  direction: Direction | undefined,
  from: bigint | undefined,
  filter: GlobalFilter | undefined,
  categories?: ReadonlyArray<string>,
): { readonly request: StreamsPb.ReadReq; readonly filter: ServerFilter } => {
  const server = serverFilter(filter, undefined, categories)
  const start = from ?? (direction === 'backwards' ? 'end' : 'start')
  const options = baseOptions(direction)
    .setAll(allOptions(start))
    .setCount(countOf(undefined))
    .setFilter(server.options)
  return { request: new streamsPb.ReadReq().setOptions(options), filter: server }
}

/** A filtered subscription to `$all`, after a position (exclusive) or from the start. */
export const subscribeToAllRequest = (
  from: 'start' | AllPosition,
  filter: GlobalFilter | undefined,
  checkpointInterval: number,
  categories?: ReadonlyArray<string>,
): { readonly request: StreamsPb.ReadReq; readonly filter: ServerFilter } => {
  const server = serverFilter(filter, checkpointInterval, categories)
  const options = baseOptions('forwards')
    .setAll(from === 'start' ? allOptions('start') : allOptionsAt(from))
    .setSubscription(new streamsPb.ReadReq.Options.SubscriptionOptions())
    .setFilter(server.options)
  return { request: new streamsPb.ReadReq().setOptions(options), filter: server }
}
