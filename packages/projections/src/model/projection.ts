import type { JourneyEvent, RecordedEvent } from '@parcours/domain'
import { type DocMap, emptyDocMap } from './docMap.js'
import { type BatchResult, copyJson, type DocSource, type Draft, inBatch, type Writable } from './draft.js'

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
  /** The read model after one event; pure. */
  readonly apply: (readModel: RM, recorded: RecordedEvent<JourneyEvent>) => RM
  /** Folds many events at once, as `apply` one after the other would; faster where given. */
  readonly applyAll?: (readModel: RM, events: Iterable<RecordedEvent<JourneyEvent>>) => RM
}

/** A JSON document of a read model (a plain object). */
export type Doc = object

/**
 * A projection whose read model is a map of keyed JSON documents, so a sink can save only what a
 * batch changed. `merge` combines the same document written by two partitioned workers (counters
 * add up); documents only one worker writes never meet.
 */
export interface KeyedProjection<D extends Doc = Doc> extends Projection<DocMap<D>> {
  /** Combines one document as written by two partitioned workers. */
  readonly merge: (key: string, a: D, b: D) => D
  /**
   * Declares the read model stream-ordered: every document for which this returns true is one
   * stream's own (only that stream's events change it), and every other document is a
   * commutative aggregate (counters that `merge` adds up, whatever the order of the streams that
   * fed it). A rebuild may then read the log stream by stream, write each stream's documents
   * once it is done and forget them. Leave it out when a document depends on the order of events
   * across streams (a list in arrival order).
   */
  readonly streamDocuments?: (key: string) => boolean
  /**
   * Folds a batch of events: the new read model and the keys of the documents it changed. A
   * document the read model does not hold is looked up in `source` (the sink), when given.
   */
  readonly applyBatch: (
    readModel: DocMap<D>,
    events: Iterable<RecordedEvent<JourneyEvent>>,
    source?: DocSource<D>,
  ) => BatchResult<D>
}

/** Applies one event to a batch's draft, editing the documents it touches in place. */
export type Step<D> = (draft: Draft<D>, recorded: RecordedEvent<JourneyEvent>) => void

/** Applies one event of the batch it was made for (see `KeyedProjectionDefinition.batch`). */
export type BatchStep = (recorded: RecordedEvent<JourneyEvent>) => void

/** What every keyed projection's definition gives, whichever way it steps. */
export interface KeyedProjectionCommon<D extends Doc> {
  readonly name: string
  readonly version: number
  /** Combines one document as written by two partitioned workers. */
  readonly merge: (key: string, a: D, b: D) => D
  /**
   * Declares the read model stream-ordered: every document for which this returns true is one
   * stream's own (only that stream's events change it), and every other document is a
   * commutative aggregate (counters that `merge` adds up, whatever the order of the streams that
   * fed it). A rebuild may then read the log stream by stream, write each stream's documents
   * once it is done and forget them. Leave it out when a document depends on the order of events
   * across streams (a list in arrival order).
   */
  readonly streamDocuments?: (key: string) => boolean
  /** Makes a stored document the batch's own to edit; a deep copy unless given. */
  readonly copy?: (doc: D) => Writable<D>
}

/**
 * What defines a keyed projection: how one event changes the documents of a batch's draft —
 * either `step`, or `batch`, which makes a step for one batch's draft and may keep what it finds
 * (the documents it owns, their keys) for the batch's later events. What `batch` keeps lives as
 * long as the batch: nothing carries over to another batch or another read model.
 */
export type KeyedProjectionDefinition<D extends Doc> = KeyedProjectionCommon<D> &
  (
    | {
        /** Applies one event to the batch's draft, editing the documents it touches in place. */
        readonly step: Step<D>
        readonly batch?: undefined
      }
    | {
        /** Makes the step of one batch, given its draft. */
        readonly batch: (draft: Draft<D>) => BatchStep
        readonly step?: undefined
      }
  )

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * A keyed projection from its step. The step mutates only documents the batch owns (`edit`,
 * `put`), so each `apply`, `applyAll` or `applyBatch` returns a new read model and leaves the one
 * it was given as it was.
 */
export const keyedProjection = <D extends Doc>(def: KeyedProjectionDefinition<D>): KeyedProjection<D> => {
  const copy = def.copy ?? copyJson
  const applyBatch = (
    rm: DocMap<D>,
    events: Iterable<RecordedEvent<JourneyEvent>>,
    source?: DocSource<D>,
  ): BatchResult<D> =>
    inBatch(
      rm,
      (draft) => {
        const step = def.batch?.(draft) ?? ((e: RecordedEvent<JourneyEvent>) => def.step?.(draft, e))
        // An array by index: a for-of over it allocates an iterator result per event where the
        // loop is not optimised whole.
        if (Array.isArray(events)) {
          const list = events as ReadonlyArray<RecordedEvent<JourneyEvent>>
          for (let i = 0; i < list.length; i++) step(list[i] as RecordedEvent<JourneyEvent>)
        } else for (const e of events) step(e)
      },
      copy,
      source,
    )
  return {
    name: def.name,
    version: def.version,
    initial: emptyDocMap<D>(),
    merge: def.merge,
    ...(def.streamDocuments === undefined ? {} : { streamDocuments: def.streamDocuments }),
    applyBatch,
    apply: (rm, recorded) => applyBatch(rm, [recorded]).readModel,
    applyAll: (rm, events) => applyBatch(rm, events).readModel,
  }
}

/** Folds events into a read model, from the projection's initial one unless another is given. */
export const foldEvents = <RM>(
  projection: Projection<RM>,
  events: Iterable<RecordedEvent<JourneyEvent>>,
  from: RM = projection.initial,
): RM => {
  if (projection.applyAll !== undefined) return projection.applyAll(from, events)
  let rm = from
  for (const e of events) rm = projection.apply(rm, e)
  return rm
}
