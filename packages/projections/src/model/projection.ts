import type { JourneyEvent, RecordedEvent } from '@parcours/domain'
import type { DocMap } from './docMap.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** A pure fold from recorded journey events to a read model, with a name and a version. */
export interface Projection<RM> {
  /** Stable name: the sink stores the read model under it. */
  readonly name: string
  /** Bump it when `apply` changes meaning: a runner then rebuilds the read model from zero. */
  readonly version: number
  readonly initial: RM
  readonly apply: (readModel: RM, recorded: RecordedEvent<JourneyEvent>) => RM
}

/** A JSON document of a read model (a plain object). */
export type Doc = object

/**
 * A projection whose read model is a map of keyed JSON documents, so a sink can save only what a
 * batch changed. `merge` combines the same document written by two partitioned workers (counters
 * add up); documents only one worker writes never meet.
 */
export interface KeyedProjection<D extends Doc = Doc> extends Projection<DocMap<D>> {
  readonly merge: (key: string, a: D, b: D) => D
}

/** Folds events into a read model, from the projection's initial one unless another is given. */
export const foldEvents = <RM>(
  projection: Projection<RM>,
  events: Iterable<RecordedEvent<JourneyEvent>>,
  from: RM = projection.initial,
): RM => {
  let rm = from
  for (const e of events) rm = projection.apply(rm, e)
  return rm
}
