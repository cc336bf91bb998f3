import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { type DocMap, docMapOf, getDoc, setDoc } from '../model/docMap.js'
import type { KeyedProjection } from '../model/projection.js'
import type { DocChange, DocumentsOptions, ProjectionSink, SinkFailed } from '../sink/projectionSink.js'

// ---------------------------------------------------------------------------------------------
// utils: read models as a runner holds them, and as a reader loads them from a sink.
// ---------------------------------------------------------------------------------------------

/** A keyed projection of any document type, so that a runner holds several side by side. */
export type AnyKeyedProjection = KeyedProjection<any>

/** The read models of a runner, by projection name. */
export type ReadModels = ReadonlyMap<string, DocMap<object>>

/** Every projection at its initial read model. */
export const initialReadModels = (projections: ReadonlyArray<AnyKeyedProjection>): ReadModels =>
  new Map(projections.map((p) => [p.name, p.initial as DocMap<object>]))

/** The documents at the keys changed, by projection, as the read models hold them now, ready for a sink. */
export const changesOf = (
  rms: ReadModels,
  changed: ReadonlyMap<string, ReadonlySet<string>>,
): ReadonlyArray<DocChange> => {
  const changes: DocChange[] = []
  for (const [projection, keys] of changed) {
    const rm = rms.get(projection)
    if (rm === undefined) continue
    for (const key of keys) changes.push({ projection, key, doc: getDoc(rm, key) })
  }
  return changes
}

/** Merges the documents of every scope into one read model, with the projection's `merge` for shared keys. */
const mergeScopes = <D extends object>(
  projection: KeyedProjection<D>,
  scopes: ReadonlyArray<{ readonly docs: ReadonlyArray<readonly [string, object]> }>,
): DocMap<D> => {
  const [first, ...rest] = scopes
  let rm = docMapOf((first?.docs ?? []) as ReadonlyArray<readonly [string, D]>)
  for (const scope of rest)
    for (const [key, doc] of scope.docs as ReadonlyArray<readonly [string, D]>) {
      const existing = getDoc(rm, key)
      rm = setDoc(rm, key, existing === undefined ? doc : projection.merge(key, existing, doc))
    }
  return rm
}

/**
 * A projection's read model as persisted in a sink, merged across every worker that writes it.
 * `const r = await loadReadModel(sink, dashboardProjection)()`, then `if (isRight(r)) queryDashboard(r.right)`.
 * With `{ where }`, the documents of the keys where a worker's document has these fields (a
 * counsellor's worklist: `{ missionLocaleId, counsellorId }`): a query that selects its documents
 * by those fields gives what it gives over the whole read model, when its projection's `merge`
 * keeps one worker's document (the worklist's and the CEJ's do).
 */
export const loadReadModel =
  <D extends object>(
    sink: ProjectionSink,
    projection: KeyedProjection<D>,
    options?: DocumentsOptions,
  ): TaskEither<SinkFailed, DocMap<D>> =>
  async () => {
    const r = await sink.documents(projection.name, options)()
    return r._tag === 'Left' ? r : { _tag: 'Right', right: mergeScopes(projection, r.right) }
  }

/** A key's document in each scope that holds it: the sink's own read, or its `documents` filtered. */
const documentsAt = (
  sink: ProjectionSink,
  projection: string,
  key: string,
): TaskEither<SinkFailed, ReadonlyArray<{ readonly scope: string; readonly doc: object }>> =>
  sink.document?.(projection, key) ??
  (async () => {
    const all = await sink.documents(projection)()
    if (all._tag === 'Left') return all
    return {
      _tag: 'Right',
      right: all.right.flatMap(({ scope, docs }) =>
        docs.filter(([k]) => k === key).map(([, doc]) => ({ scope, doc })),
      ),
    }
  })

/**
 * One document of a projection's read model as persisted in a sink, merged across every worker
 * that writes it, as `loadReadModel` would give it at that key (undefined when none holds it); it
 * reads that key only, when the sink offers `document`.
 * `const r = await loadDocument(sink, timelineProjection, 'youth:' + youthId)()`, then `if (isRight(r))`.
 */
export const loadDocument =
  <D extends object>(
    sink: ProjectionSink,
    projection: KeyedProjection<D>,
    key: string,
  ): TaskEither<SinkFailed, D | undefined> =>
  async () => {
    const r = await documentsAt(sink, projection.name, key)()
    if (r._tag === 'Left') return r
    let merged: D | undefined
    for (const { doc } of r.right)
      merged = merged === undefined ? (doc as D) : projection.merge(key, merged, doc as D)
    return { _tag: 'Right', right: merged }
  }
