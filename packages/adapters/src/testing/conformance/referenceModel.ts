import type { ActualRevision, ExpectedRevision, GlobalPosition, StreamRevision } from '@parcours/domain'
import type { TestEvent } from './testEvents.js'

// ---------------------------------------------------------------------------------------------
// model: the reference the property tests compare a store with. It is written from the port's
// doc comments alone, apart from the stores' shared code, so that a bug there shows up here.
// ---------------------------------------------------------------------------------------------

/** An event as the model holds it. */
export interface ModelEvent {
  readonly streamName: string
  readonly revision: StreamRevision
  readonly id: string
  readonly event: TestEvent
}

/** A batch the store accepted, with what it answered. */
export interface ModelBatch {
  readonly streamName: string
  readonly ids: ReadonlyArray<string>
  readonly first: StreamRevision
  readonly last: StreamRevision
  readonly position: GlobalPosition
}

/** The whole reference state. */
export interface ReferenceModel {
  readonly log: Array<ModelEvent>
  readonly streams: Map<string, Array<ModelEvent>>
  readonly batches: Array<ModelBatch>
}

/** What an append must do, by the port's rules. */
export type ModelOutcome =
  | { readonly _tag: 'Written'; readonly nextExpectedRevision: StreamRevision }
  | { readonly _tag: 'Conflict'; readonly actual: ActualRevision }

// ---------------------------------------------------------------------------------------------
// constructors and utils
// ---------------------------------------------------------------------------------------------

/** An empty model. */
export const emptyModel = (): ReferenceModel => ({ log: [], streams: new Map(), batches: [] })

/** The revision of a stream's last event, -1n when it is missing. */
export const currentRevision = (model: ReferenceModel, streamName: string): StreamRevision =>
  BigInt((model.streams.get(streamName)?.length ?? 0) - 1)

/** The outcome of appending a batch of fresh ids (never stored before). */
export const expectedOutcome = (
  model: ReferenceModel,
  streamName: string,
  expected: ExpectedRevision,
  count: number,
): ModelOutcome => {
  const current = currentRevision(model, streamName)
  const holds =
    expected === 'any' ||
    (expected === 'exists' && current >= 0n) ||
    (expected === 'no-stream' && current === -1n) ||
    expected === current
  if (!holds) return { _tag: 'Conflict', actual: current === -1n ? 'no-stream' : current }
  return { _tag: 'Written', nextExpectedRevision: current + BigInt(count) }
}

/** Records a written batch. */
export const recordBatch = (
  model: ReferenceModel,
  streamName: string,
  batch: ReadonlyArray<{ readonly id: string; readonly event: TestEvent }>,
  position: GlobalPosition,
): void => {
  const stream = model.streams.get(streamName) ?? []
  model.streams.set(streamName, stream)
  const first = BigInt(stream.length)
  for (const { id, event } of batch) {
    const recorded = { streamName, revision: BigInt(stream.length), id, event }
    stream.push(recorded)
    model.log.push(recorded)
  }
  if (batch.length > 0)
    model.batches.push({
      streamName,
      ids: batch.map((e) => e.id),
      first,
      last: BigInt(stream.length - 1),
      position,
    })
}
